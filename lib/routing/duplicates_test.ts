import assert from "node:assert/strict";
import {
  type DuplicateProbe,
  type DuplicateSettings,
  findDuplicate,
  isNearDuplicate,
} from "./duplicates.ts";
import type { SqliteStore } from "../store/sqlite.ts";
import { withTempStore } from "../../test/support/store.ts";
import { contentHash } from "../pipeline/content_hash.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import type { Complaint } from "../schema/complaint.ts";

const SETTINGS: DuplicateSettings = { windowDays: 7, threshold: 0.5, sameOrderThreshold: 0.15 };
const DAY = 86_400_000;
const T0 = Date.parse("2026-09-10T10:00:00.000Z");

interface Mail {
  email: string;
  subject: string;
  text: string;
  orders?: string[];
  category?: Complaint["category"];
  language?: string;
  at?: number;
}

/** A stored original complaint made from a message. */
async function original(store: SqliteStore, m: Mail, extra: Partial<Complaint> = {}) {
  const c = makeComplaint({
    customer: { email: m.email, name: "" },
    subject: m.subject,
    description: m.text,
    category: m.category ?? "delivery",
    language: m.language ?? "en",
    entities: { orderNumbers: m.orders ?? [], amounts: [], dates: [], products: [], phones: [] },
    contentHash: await contentHash(m.email, m.subject, m.text),
    receivedAt: new Date(m.at ?? T0).toISOString(),
    ...extra,
  });
  return (await store.createComplaint(c)).complaint;
}

async function probe(m: Mail): Promise<DuplicateProbe> {
  return {
    customerEmail: m.email,
    contentHash: await contentHash(m.email, m.subject, m.text),
    subject: m.subject,
    text: m.text,
    orderNumbers: m.orders ?? [],
    category: m.category ?? "delivery",
    language: m.language ?? "en",
    receivedAt: new Date(m.at ?? T0 + DAY).toISOString(),
  };
}

const ANNA = "anna@example.test";
const TV_EN: Mail = {
  email: ANNA,
  subject: "Order ZE-2026-031842 not delivered",
  text: "Hello, my LG TV from order ZE-2026-031842 was due on 2 September and has not arrived. " +
    "The courier does not answer the phone. Please find out where it is.",
  orders: ["ZE-2026-031842"],
};

Deno.test("an exact resend (reply prefix, extra whitespace) within the window is an exact duplicate", async () => {
  await withTempStore(async (store) => {
    const first = await original(store, TV_EN);
    const match = await findDuplicate(
      store,
      await probe({
        ...TV_EN,
        subject: `Fwd: Re:  ${TV_EN.subject}`,
        text: `  ${TV_EN.text.replace(/ /g, "   ").replace(". ", ".\n\n")}\n`,
      }),
      SETTINGS,
    );
    assert.equal(match?.original.id, first.id);
    assert.equal(match?.kind, "exact");
    assert.equal(match?.score, 1);
  });
});

Deno.test("an exact resend after the window is not a duplicate", async () => {
  await withTempStore(async (store) => {
    await original(store, TV_EN);
    const late = await probe({ ...TV_EN, at: T0 + 8 * DAY });
    assert.equal(await findDuplicate(store, late, SETTINGS), null);
    const inside = await probe({ ...TV_EN, at: T0 + 6 * DAY });
    assert.notEqual(await findDuplicate(store, inside, SETTINGS), null);
  });
});

Deno.test("an exact resend points at the original, never at an earlier duplicate", async () => {
  await withTempStore(async (store) => {
    const first = await original(store, TV_EN);
    await original(store, { ...TV_EN, at: T0 + 1000 }, {
      status: "duplicate",
      duplicateOf: first.id,
    });
    const match = await findDuplicate(store, await probe(TV_EN), SETTINGS);
    assert.equal(match?.original.id, first.id);
  });
});

Deno.test("the same complaint in Russian then in English from the same customer about the same order is a duplicate", async () => {
  await withTempStore(async (store) => {
    const ru = await original(store, {
      email: ANNA,
      subject: "Заказ ZE-2026-031842 не доставлен",
      text:
        "Здравствуйте! Мой телевизор LG по заказу ZE-2026-031842 должен был прийти 2 сентября, " +
        "но его до сих пор нет. Курьер не берёт трубку. Прошу выяснить, где он.",
      orders: ["ZE-2026-031842"],
      language: "ru",
    });
    const match = await findDuplicate(store, await probe(TV_EN), SETTINGS);
    assert.equal(match?.original.id, ru.id);
    assert.equal(match?.kind, "near");
  });
});

Deno.test("a reworded resend from the same customer about the same order is a duplicate", async () => {
  await withTempStore(async (store) => {
    const first = await original(store, TV_EN);
    const match = await findDuplicate(
      store,
      await probe({
        ...TV_EN,
        subject: "Still waiting for ZE-2026-031842",
        text: "It is three days later and my order ZE-2026-031842 (the LG television) still " +
          "has not been delivered. Nobody from the courier picks up. Where is my TV?",
      }),
      SETTINGS,
    );
    assert.equal(match?.original.id, first.id);
    assert.equal(match?.kind, "near");
  });
});

Deno.test("a reworded resend from the same customer without any order number is a duplicate", async () => {
  await withTempStore(async (store) => {
    const text = "My kettle arrived with a cracked lid and it leaks water onto the table.";
    const first = await original(store, {
      email: ANNA,
      subject: "Cracked kettle lid",
      text,
      category: "quality",
    });
    const match = await findDuplicate(
      store,
      await probe({
        email: ANNA,
        subject: "Kettle lid cracked, leaks",
        text: "The kettle arrived with a cracked lid and leaks water on my table.",
        category: "quality",
      }),
      SETTINGS,
    );
    assert.equal(match?.original.id, first.id);
  });
});

Deno.test("two different customers with different problems in similar generic wording are not duplicates", async () => {
  await withTempStore(async (store) => {
    await original(store, {
      email: "bob@example.test",
      subject: "Problem with my order",
      text: "Hello, I have a problem with my order ZE-2026-000111. Please help me as soon as " +
        "possible, I am very disappointed with your service.",
      orders: ["ZE-2026-000111"],
    });
    const match = await findDuplicate(
      store,
      await probe({
        email: "carol@example.test",
        subject: "Problem with my order",
        text: "Hello, I have a problem with my order ZE-2026-000222. Please help me as soon as " +
          "possible, I am very disappointed with your service.",
        orders: ["ZE-2026-000222"],
      }),
      SETTINGS,
    );
    assert.equal(match, null);
  });
});

Deno.test("different customers with identical generic wording and no order are not duplicates", async () => {
  await withTempStore(async (store) => {
    const mail = {
      subject: "Refund request",
      text: "Hello, I would like a refund for my purchase. Please process it as soon as possible.",
      category: "returns" as const,
    };
    await original(store, { ...mail, email: "bob@example.test" });
    assert.equal(
      await findDuplicate(store, await probe({ ...mail, email: "eve@example.test" }), SETTINGS),
      null,
    );
  });
});

Deno.test("the same customer about two different orders is not a duplicate, however alike the words", async () => {
  await withTempStore(async (store) => {
    await original(store, TV_EN);
    const other = TV_EN.text.replaceAll("ZE-2026-031842", "ZE-2026-099999");
    const match = await findDuplicate(
      store,
      await probe({
        ...TV_EN,
        subject: TV_EN.subject.replace("ZE-2026-031842", "ZE-2026-099999"),
        text: other,
        orders: ["ZE-2026-099999"],
      }),
      SETTINGS,
    );
    assert.equal(match, null);
  });
});

Deno.test("another customer writing about the same order in the same words is a duplicate", async () => {
  await withTempStore(async (store) => {
    const first = await original(store, TV_EN);
    const match = await findDuplicate(
      store,
      await probe({ ...TV_EN, email: "husband@example.test" }),
      SETTINGS,
    );
    assert.equal(match?.original.id, first.id, "a shared order and the full threshold match");
    assert.equal(match?.kind, "near", "the sender is part of the content hash");
  });
});

Deno.test("another customer naming the same order about a different problem is not a duplicate", async () => {
  await withTempStore(async (store) => {
    await original(store, TV_EN);
    const match = await findDuplicate(
      store,
      await probe({
        email: "husband@example.test",
        subject: "Invoice for ZE-2026-031842 shows the wrong company name",
        text: "Please reissue the invoice for ZE-2026-031842 with our company details and VAT id.",
        orders: ["ZE-2026-031842"],
        category: "billing",
      }),
      SETTINGS,
    );
    assert.equal(match, null);
  });
});

Deno.test("the closest of several originals is chosen", async () => {
  await withTempStore(async (store) => {
    await original(store, {
      email: ANNA,
      subject: "Kettle",
      text: "kettle lid cracked leaks table water kitchen",
      category: "quality",
    });
    const closer = await original(store, {
      email: ANNA,
      subject: "Kettle",
      text: "kettle lid cracked leaks table water boiling",
      category: "quality",
      at: T0 + 1000,
    });
    const match = await findDuplicate(
      store,
      await probe({
        email: ANNA,
        subject: "Kettle",
        text: "kettle lid cracked leaks table water boiling steam",
        category: "quality",
      }),
      SETTINGS,
    );
    assert.equal(match?.original.id, closer.id);
    assert.ok(match!.score > 0.5 && match!.score < 1);
  });
});

Deno.test("a reworded resend after the window is not a duplicate", async () => {
  await withTempStore(async (store) => {
    await original(store, TV_EN);
    const reworded = { ...TV_EN, subject: "Still waiting for ZE-2026-031842", at: T0 + 8 * DAY };
    assert.equal(await findDuplicate(store, await probe(reworded), SETTINGS), null);
  });
});

Deno.test("isNearDuplicate: the rule for customers, orders, categories and languages", () => {
  const base: DuplicateProbe = {
    customerEmail: "Anna@Example.test",
    contentHash: "h",
    subject: "",
    text: "",
    orderNumbers: ["A-1"],
    category: "delivery",
    language: "en",
    receivedAt: new Date(T0).toISOString(),
  };
  const cand = (o: Partial<Complaint>) =>
    makeComplaint({
      customer: { email: "anna@example.test", name: "" },
      category: "delivery",
      language: "en",
      entities: { orderNumbers: ["A-1"], amounts: [], dates: [], products: [], phones: [] },
      ...o,
    });
  const s = SETTINGS;
  assert.equal(isNearDuplicate(base, cand({}), 0.2, s), true, "same order: lower threshold");
  assert.equal(isNearDuplicate(base, cand({}), 0.1, s), false, "below the lower threshold");
  assert.equal(isNearDuplicate(base, cand({ language: "ru" }), 0, s), true, "translated resend");
  assert.equal(isNearDuplicate(base, cand({ category: "billing" }), 0.3, s), false);
  assert.equal(isNearDuplicate(base, cand({ category: "billing" }), 0.6, s), true);
  const otherOrder = cand({
    entities: { orderNumbers: ["B-2"], amounts: [], dates: [], products: [], phones: [] },
  });
  assert.equal(isNearDuplicate(base, otherOrder, 0.99, s), false, "different orders never");
  const noOrder = cand({
    entities: { orderNumbers: [], amounts: [], dates: [], products: [], phones: [] },
  });
  assert.equal(isNearDuplicate(base, noOrder, 0.49, s), false);
  assert.equal(isNearDuplicate(base, noOrder, 0.5, s), true);
  const stranger = cand({ customer: { email: "bob@example.test", name: "" } });
  assert.equal(isNearDuplicate(base, stranger, 0.49, s), false);
  assert.equal(isNearDuplicate(base, stranger, 0.5, s), true);
  assert.equal(isNearDuplicate({ ...base, orderNumbers: [] }, stranger, 0.99, s), false);

  // The same person from another address: the same display name about a shared order.
  const named = { ...base, customerName: "Anna  Petrova" };
  const otherAddress = cand({ customer: { email: "anna.p@work.test", name: '"anna petrova"' } });
  assert.equal(isNearDuplicate(named, otherAddress, 0.2, s), true, "same name, shared order");
  const otherName = cand({ customer: { email: "anna.p@work.test", name: "Anna Smirnova" } });
  assert.equal(isNearDuplicate(named, otherName, 0.2, s), false, "another name: a stranger");
  const sameNameOtherOrder = cand({
    customer: { email: "anna.p@work.test", name: "Anna Petrova" },
    entities: { orderNumbers: ["B-2"], amounts: [], dates: [], products: [], phones: [] },
  });
  assert.equal(isNearDuplicate(named, sameNameOtherOrder, 0.99, s), false, "no shared order");
  const unnamed = cand({ customer: { email: "x@work.test", name: "" } });
  assert.equal(isNearDuplicate({ ...base, customerName: "" }, unnamed, 0.2, s), false, "no name");
});
