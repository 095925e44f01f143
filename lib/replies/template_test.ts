import assert from "node:assert/strict";
import { fillTemplate, templateValues } from "./template.ts";
import { makeComplaint } from "../../test/support/complaints.ts";

Deno.test("variables are filled from the complaint and the agent", () => {
  const c = makeComplaint({
    customer: { email: "dana@example.net", name: "Dana" },
    ref: "K7Q2MX",
    entities: { ...makeComplaint().entities, orderNumbers: ["ORD-1", "ORD-2"], products: [] },
  });
  const values = templateValues(c, { name: "Bea Novak", email: "bea@example.com" });
  const { text, missing } = fillTemplate(
    "Hello {{customer.name}}, about {{ ref }} and order {{order}}. — {{agent.name}}",
    values,
  );
  assert.equal(text, "Hello Dana, about #K7Q2MX and order ORD-1. — Bea Novak");
  assert.deepEqual(missing, []);
});

Deno.test("an empty or unknown variable is left out and reported missing", () => {
  const c = makeComplaint({
    customer: { email: "dana@example.net", name: "" },
    entities: { ...makeComplaint().entities, orderNumbers: [] },
  });
  const values = templateValues(c, { name: "Bea", email: "bea@example.com" });
  assert.equal(values["customer.name"], "dana");
  const { text, missing } = fillTemplate("Order {{order}} {{shoe.size}}!", values);
  assert.equal(text, "Order  !");
  assert.deepEqual(missing, ["order", "shoe.size"]);
});
