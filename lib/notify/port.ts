import type { Complaint } from "../schema/complaint.ts";

export interface Alert {
  complaint: Complaint;
  kind: "new" | "escalation";
  level: number;
}

/** The notifier port: alerts for urgent complaints (Telegram or the log). */
export interface Notifier {
  readonly name: string;
  notify(alert: Alert): Promise<void>;
}
