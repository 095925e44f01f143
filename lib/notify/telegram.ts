import { Api, GrammyError, type Transformer } from "grammy";
import type { Alert, AlertReceipt, AlertRef, Notifier } from "./port.ts";
import { alertMessage, complaintLink, escapeHtml } from "./message.ts";
import { incidentMessage } from "./incident_message.ts";
import type { Incident } from "../schema/incident.ts";
import { actionKeyboard } from "./buttons.ts";
import { CLOSED_STATUSES } from "../schema/complaint.ts";

export interface TelegramOptions {
  token: string;
  chatId: string;
  /** A non-default Bot API server (tests, a local Bot API); no trailing slash. */
  apiRoot?: string;
  /** Base of the deep link in each alert. */
  publicUrl?: string;
  /** Longest `retry_after` waited in-line on a 429; a longer one fails and the job retries. */
  maxDelaySeconds?: number;
  /** Retries after a 429 within one call. */
  maxRetryAttempts?: number;
  /** Per request, so a hung Bot API cannot hold ingestion. */
  timeoutSeconds?: number;
}

/** Alerts to a Telegram chat through grammY, with "Take it" / "Resolve" buttons. */
export class TelegramNotifier implements Notifier {
  readonly name = "telegram";
  readonly api: Api;

  constructor(private readonly options: TelegramOptions) {
    this.api = new Api(options.token, {
      apiRoot: options.apiRoot?.replace(/\/+$/, ""),
      timeoutSeconds: options.timeoutSeconds ?? 10,
    });
    this.api.config.use(
      retryOn429(options.maxRetryAttempts ?? 2, options.maxDelaySeconds ?? 5),
    );
  }

  async notify(alert: Alert): Promise<AlertReceipt> {
    const message = await this.api.sendMessage(this.options.chatId, this.#text(alert), {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      reply_markup: actionKeyboard(alert.complaint.id),
      ...(alert.replyTo
        ? {
          reply_parameters: {
            message_id: alert.replyTo.messageId,
            allow_sending_without_reply: true,
          },
        }
        : {}),
    });
    return { ref: { chatId: String(message.chat.id), messageId: message.message_id } };
  }

  async answerAction(actionId: string, answer: { text: string; showAlert?: boolean }) {
    await this.api.answerCallbackQuery(actionId, {
      text: answer.text,
      ...(answer.showAlert ? { show_alert: true } : {}),
    });
  }

  async update(ref: AlertRef, alert: Alert, acted: string): Promise<void> {
    const closed = CLOSED_STATUSES.includes(alert.complaint.status);
    try {
      await this.api.editMessageText(ref.chatId, ref.messageId, this.#text(alert, acted), {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(closed ? {} : { reply_markup: actionKeyboard(alert.complaint.id) }),
      });
    } catch (err) {
      // Pressing a button twice renders the same text; Telegram refuses that and it is fine.
      if (err instanceof GrammyError && /message is not modified/.test(err.description)) return;
      throw err;
    }
  }

  async messageAgent(userId: string, text: string, complaintId: string): Promise<void> {
    const link = complaintLink(this.options.publicUrl, complaintId);
    await this.api.sendMessage(
      userId,
      `${escapeHtml(text.slice(0, 500))}\n<a href="${escapeHtml(link)}">Open the complaint</a>`,
      { parse_mode: "HTML", link_preview_options: { is_disabled: true } },
    );
  }

  async notifyIncident(incident: Incident): Promise<AlertReceipt> {
    const message = await this.api.sendMessage(
      this.options.chatId,
      incidentMessage(incident, this.options.publicUrl),
      { parse_mode: "HTML", link_preview_options: { is_disabled: true } },
    );
    return { ref: { chatId: String(message.chat.id), messageId: message.message_id } };
  }

  async updateIncident(ref: AlertRef, incident: Incident): Promise<void> {
    try {
      await this.api.editMessageText(
        ref.chatId,
        ref.messageId,
        incidentMessage(incident, this.options.publicUrl),
        { parse_mode: "HTML", link_preview_options: { is_disabled: true } },
      );
    } catch (err) {
      if (err instanceof GrammyError && /message is not modified/.test(err.description)) return;
      throw err;
    }
  }

  #text(alert: Alert, acted?: string): string {
    return alertMessage({ ...alert, publicUrl: this.options.publicUrl, acted });
  }
}

/**
 * Wait out a 429's `retry_after` and try again, at most `attempts` times and only when the wait
 * is at most `maxDelaySeconds`; otherwise the error goes back to the caller, who records it and
 * lets the escalation job retry later.
 */
export function retryOn429(attempts: number, maxDelaySeconds: number): Transformer {
  return async (prev, method, payload, signal) => {
    let response = await prev(method, payload, signal);
    for (let i = 0; i < attempts && !response.ok && response.error_code === 429; i++) {
      const wait = response.parameters?.retry_after ?? 1;
      if (wait > maxDelaySeconds) break;
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      response = await prev(method, payload, signal);
    }
    return response;
  };
}
