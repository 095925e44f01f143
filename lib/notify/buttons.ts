/** The Take it / Resolve buttons under an alert: their callback data, written and read. */

/** Callback data of the inline buttons: `<action>:<complaint id>` (within Telegram's 64 bytes). */
export type AlertAction = "take" | "resolve";

/** The two buttons under each alert. */
export function actionKeyboard(complaintId: string) {
  return {
    inline_keyboard: [[
      { text: "Take it", callback_data: `take:${complaintId}` },
      { text: "Resolve", callback_data: `resolve:${complaintId}` },
    ]],
  };
}

/** Read a button's callback data; null for anything we did not send. */
export function parseAction(data: string | undefined): { action: AlertAction; id: string } | null {
  const m = /^(take|resolve):([A-Za-z0-9_-]{1,60})$/.exec(data ?? "");
  return m ? { action: m[1] as AlertAction, id: m[2] } : null;
}
