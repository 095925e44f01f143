import type { Complaint } from "../schema/complaint.ts";

/** Who is answering, as far as a template needs. */
export interface TemplateAgent {
  name: string;
  email: string;
}

/** The variables a saved reply may use, and what each is. */
export const TEMPLATE_VARIABLES = {
  "customer.name": "the customer's name (else the address before @)",
  "customer.email": "the customer's address",
  ref: "the complaint's reference, as #ABC123",
  order: "the first order number the customer gave",
  product: "the first product the customer named",
  subject: "the complaint's subject",
  "agent.name": "the answering agent's name",
  "agent.email": "the answering agent's address",
} as const;
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;

/** The variables' values for one complaint and agent ("" when the complaint lacks it). */
export function templateValues(
  c: Complaint,
  agent: TemplateAgent,
): Record<TemplateVariable, string> {
  return {
    "customer.name": c.customer.name.trim() || c.customer.email.split("@")[0],
    "customer.email": c.customer.email,
    ref: `#${c.ref}`,
    order: c.entities.orderNumbers[0] ?? "",
    product: c.entities.products[0] ?? "",
    subject: c.subject,
    "agent.name": agent.name,
    "agent.email": agent.email,
  };
}

/**
 * Fill `{{variable}}`s. A known variable without a value, and an unknown one, are left out of
 * the text and listed in `missing`, so the agent (or a draft) knows what to ask or fix.
 */
export function fillTemplate(
  body: string,
  values: Record<string, string>,
): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const text = body.replace(/\{\{\s*([a-z]+(?:\.[a-z]+)?)\s*\}\}/gi, (_, name: string) => {
    const value = values[name];
    if (!value) missing.add(name);
    return value ?? "";
  });
  return { text, missing: [...missing] };
}
