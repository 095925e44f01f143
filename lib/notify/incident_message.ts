import { CATEGORY_INFO } from "../schema/complaint.ts";
import type { Incident } from "../schema/incident.ts";
import { clip, escapeHtml } from "./message.ts";

/** The incident's page: `PUBLIC_URL/incidents/<id>`. */
export function incidentLink(publicUrl: string | undefined, id: string): string {
  const base = (publicUrl ?? "").replace(/\/+$/, "");
  return `${base}/incidents/${encodeURIComponent(id)}`;
}

function time(iso: string): string {
  return iso.slice(11, 16); // HH:MM UTC, as the rest of the alerts show instants
}

/**
 * The incident alert's HTML: how many customers report what, since when, and the link; the
 * title is customer text, escaped and cut.
 */
export function incidentMessage(incident: Incident, publicUrl?: string): string {
  const n = incident.customerCount;
  const label = CATEGORY_INFO[incident.category]?.label ?? incident.category;
  const lines = [
    incident.status === "resolved"
      ? `✅ <b>Incident resolved: ${n} customers reported ${clip(incident.title, 200)}</b>`
      : `🚨 <b>Incident: ${n} customers report ${clip(incident.title, 200)}</b>`,
    `${escapeHtml(label)} · ${incident.memberCount} complaints · ${time(incident.firstAt)}–${
      time(incident.lastAt)
    } UTC`,
  ];
  if (incident.status === "resolved") {
    lines.push(
      `Resolved by ${clip(incident.resolvedBy ?? "", 120)}${
        incident.note ? `: ${clip(incident.note, 600)}` : ""
      }`,
    );
  }
  lines.push(`<a href="${escapeHtml(incidentLink(publicUrl, incident.id))}">Open the incident</a>`);
  return lines.join("\n");
}
