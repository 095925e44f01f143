import assert from "node:assert/strict";
import { Browser, startServer } from "./web_server.ts";
import { seedComplaint } from "./seed.ts";

Deno.test("saved replies are added on /replies and offered, filled, in the complaint's reply box with the draft button; the signature is set on /account", async () => {
  const s = await startServer();
  try {
    const b = new Browser(s.base);
    await b.login();
    const page = await b.text("/replies");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1];
    const added = await b.form("/replies", {
      _csrf: csrf,
      _action: "create",
      title: "Parcel delayed",
      body: "Hello {{customer.name}}, order {{order}} is on its way.",
      team: "",
      category: "delivery",
      language: "en",
    });
    assert.equal(added.status, 200);
    const after = await added.text();
    assert.match(after, /Saved reply “Parcel delayed” added\./);
    assert.match(after, /data-reply="/);
    const invalid = await b.form("/replies", { _csrf: csrf, _action: "create", title: "" });
    assert.equal(invalid.status, 422);
    assert.match(await invalid.text(), /Please check the form/);

    const c = await seedComplaint(s.ctx, {
      subject: "Parcel late",
      category: "delivery",
      customer: { email: "dana@example.net", name: "Dana" },
      entities: {
        orderNumbers: ["ORD-12345"],
        amounts: [],
        dates: [],
        products: [],
        phones: [],
        emails: [],
      },
    });
    const detail = await b.text(`/complaints/${c.id}`);
    assert.match(detail, /Hello Dana, order ORD-12345 is on its way\./, "filled for the island");
    assert.match(detail, /Draft a reply/);

    const account = await b.text("/account");
    const csrf2 = /name="_csrf" value="([^"]+)"/.exec(account)![1];
    const saved = await b.form("/account", {
      _csrf: csrf2,
      _action: "signature",
      signature: "Agent Smith\r\nSupport",
    });
    assert.match(await saved.text(), /Signature saved\./);
    const detail2 = await b.text(`/complaints/${c.id}`);
    assert.match(detail2, /Your signature is added under it: Agent Smith/);
  } finally {
    await s.close();
  }
});
