import type { Complaint } from "../schema/complaint.ts";
import type { Incident } from "../schema/incident.ts";

/** Where a sent alert lives, so it can be edited or replied to later. */
export interface AlertRef {
  chatId: string;
  messageId: number;
}

export interface Alert {
  complaint: Complaint;
  kind: "new" | "escalation";
  level: number;
  /** An earlier alert for the same complaint this one follows up (escalations reply to it). */
  replyTo?: AlertRef;
}

/** What a notifier hands back: where the alert went, when it can tell. */
export interface AlertReceipt {
  ref?: AlertRef;
}

/** The notifier port: alerts for urgent complaints (Telegram or the log). */
export interface Notifier {
  readonly name: string;
  /** Send one alert; throws when it could not be delivered (the caller records and retries). */
  notify(alert: Alert): Promise<AlertReceipt | void>;
  /** Re-render a sent alert with a line saying who acted; notifiers that cannot edit skip it. */
  update?(ref: AlertRef, alert: Alert, acted: string): Promise<void>;
  /**
   * Answer the person who pressed a button on an alert (Telegram's callback query). Only
   * notifiers whose alerts carry buttons have it; the webhook is off without it.
   */
  answerAction?(actionId: string, answer: { text: string; showAlert?: boolean }): Promise<void>;
  /** Announce an incident (one alert for all its members); throws when not delivered. */
  notifyIncident(incident: Incident): Promise<AlertReceipt | void>;
  /** A direct message to one agent (their Telegram user id) about a complaint. */
  messageAgent?(userId: string, text: string, complaintId: string): Promise<void>;
  /** Re-render a sent incident alert: members joined, or it was resolved. */
  updateIncident?(ref: AlertRef, incident: Incident): Promise<void>;
}
