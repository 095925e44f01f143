import assert from "node:assert/strict";
import { belongsTo, incidentFeatures, sameProblem, shared } from "./match.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import type { Complaint } from "../schema/complaint.ts";
import type { Incident } from "../schema/incident.ts";

function complaint(
  customer: string,
  subject: string,
  description: string,
  extra: Partial<Complaint> = {},
): Complaint {
  return makeComplaint({
    customer: { email: customer, name: "" },
    subject,
    description,
    category: "technical",
    subcategory: "account_access",
    ...extra,
  });
}

Deno.test("many shared words of one category from two customers are the same problem", () => {
  const a = complaint(
    "a@x.test",
    "Checkout page error",
    "The checkout page shows error 500 when I pay",
  );
  const b = complaint(
    "b@x.test",
    "Error on checkout page",
    "When I pay the checkout page shows an error 500",
  );
  assert.ok(sameProblem(incidentFeatures(a), incidentFeatures(b)));
});

Deno.test("the same customer, or another category, is never the same problem", () => {
  const a = complaint("a@x.test", "Checkout page error", "The checkout page shows error 500");
  const same = complaint("a@x.test", "Checkout page error", "The checkout page shows error 500");
  const billing = complaint(
    "b@x.test",
    "Checkout page error",
    "The checkout page shows error 500",
    {
      category: "billing",
    },
  );
  assert.equal(sameProblem(incidentFeatures(a), incidentFeatures(same)), false);
  assert.equal(sameProblem(incidentFeatures(a), incidentFeatures(billing)), false);
});

Deno.test("a shared product name links two languages when the subcategory agrees, not otherwise", () => {
  const en = complaint("a@x.test", "ShopApp crashes at login", "ShopApp closes when I log in");
  const ru = complaint("b@x.test", "ShopApp вылетает при входе", "Приложение ShopApp закрывается");
  const other = complaint("c@x.test", "ShopApp notifications", "Too many marketing messages", {
    subcategory: "mobile_app",
  });
  assert.ok(sameProblem(incidentFeatures(en), incidentFeatures(ru)));
  assert.equal(sameProblem(incidentFeatures(en), incidentFeatures(other)), false);
});

Deno.test("an order number is not a product name", () => {
  const a = complaint("a@x.test", "Where is ORD12345", "My order ORD12345 is late", {
    entities: { ...makeComplaint().entities, orderNumbers: ["ORD12345"] },
  });
  assert.deepEqual([...incidentFeatures(a).marks], []);
  const b = complaint("b@x.test", "AquaPure X200 leaks", "My AquaPure X200 leaks");
  assert.deepEqual([...incidentFeatures(b).marks].sort(), ["aquapure", "x200"]);
});

Deno.test("what members share becomes the incident's words, names and subcategories; a newcomer that matches them belongs", () => {
  const members = ["a", "b", "c"].map((n) =>
    incidentFeatures(
      complaint(`${n}@x.test`, "ShopApp crashes at login", `ShopApp crashes at login ${n}`),
    )
  );
  const common = shared(members);
  assert.ok(common.keywords.includes("crashes"));
  assert.deepEqual(common.products, ["shopapp"]);
  assert.deepEqual(common.subcategories, ["account_access"]);
  const incident = {
    category: "technical",
    keywords: common.keywords,
    products: common.products,
    subcategories: common.subcategories,
  } as Incident;
  const ru = complaint("d@x.test", "ShopApp не пускает", "Не могу войти в ShopApp");
  assert.ok(belongsTo(incidentFeatures(ru), incident));
  const unrelated = complaint("e@x.test", "Website slow", "Search takes a minute", {
    subcategory: "website",
  });
  assert.equal(belongsTo(incidentFeatures(unrelated), incident), false);
});
