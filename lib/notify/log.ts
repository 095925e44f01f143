import type { Logger } from "../log.ts";
import type { Alert, AlertRef, Notifier } from "./port.ts";
import type { Incident } from "../schema/incident.ts";

/** The default notifier: one log line per alert, so urgent complaints show without Telegram. */
export class LogNotifier implements Notifier {
  readonly name = "log";
  constructor(private readonly log: Logger) {}

  notify(alert: Alert): Promise<void> {
    const c = alert.complaint;
    this.log.warn("alert", {
      kind: alert.kind,
      escalationLevel: alert.level,
      id: c.id,
      priority: c.priority,
      category: c.category,
      customer: c.customer.email,
      subject: c.subject,
    });
    return Promise.resolve();
  }

  notifyIncident(incident: Incident): Promise<void> {
    this.log.warn("incident_alert", {
      id: incident.id,
      title: incident.title,
      category: incident.category,
      customers: incident.customerCount,
      complaints: incident.memberCount,
    });
    return Promise.resolve();
  }

  update(_ref: AlertRef, alert: Alert, acted: string): Promise<void> {
    this.log.info("alert_update", { id: alert.complaint.id, acted });
    return Promise.resolve();
  }
}
