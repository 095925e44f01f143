import assert from "node:assert/strict";
import type { AnalysisInput } from "../port.ts";
import { analyzeLocally, LocalAnalyzer } from "./analyzer.ts";
import { HOLDOUT_B } from "./fixtures/holdout_b.ts";
import { HOLDOUT_C } from "./fixtures/holdout_c.ts";
import { HOLDOUT_D } from "./fixtures/holdout_d.ts";
import { HOLDOUT_E } from "./fixtures/holdout_e.ts";
import { HOLDOUT_F } from "./fixtures/holdout_f.ts";
import { HOLDOUT_G } from "./fixtures/holdout_g.ts";

const AT = "2025-03-14T09:00:00Z";
const mail = (
  subject: string,
  body: string,
  extra: Partial<AnalysisInput> = {},
): AnalysisInput => ({
  subject,
  body,
  attachmentsText: [],
  from: "someone@example.com",
  receivedAt: AT,
  ...extra,
});

// Letters written for these tests (not taken from any corpus): [subject, body, category, priority].
const CASES: [string, string, string, string][] = [
  [
    "Vacuum cleaner died after a week",
    "Hi, the Karcher VC 3 I bought on 2 March stopped working: it hums but the brush does not spin. I'd like it repaired under warranty or swapped.",
    "quality",
    "medium",
  ],
  [
    "Phone charger melted",
    "Good evening. The charger that came with my phone got so hot that the plug melted and there was a burning smell. My daughter nearly touched it. This is a fire hazard.",
    "quality",
    "critical",
  ],
  [
    "Где мой заказ?",
    "Здравствуйте. Заказ 774512 должны были доставить ещё в понедельник, но курьер так и не приехал, а трек-номер не отслеживается. Подскажите, когда привезут?",
    "delivery",
    "medium",
  ],
  [
    "Wrong size delivered",
    "You sent me the wrong item: I ordered the 65-inch TV and the courier brought a 55-inch one. Please swap it.",
    "delivery",
    "medium",
  ],
  [
    "Money for returned blender",
    "I brought the blender back to your shop three weeks ago and signed the return form. The refund still has not reached my account and nobody answers the hotline. This is unacceptable, I need my money now.",
    "returns",
    "high",
  ],
  [
    "Возврат денег за возвращённый товар",
    "Две недели назад сдала в магазин утюг (не подошёл по цвету), оформили возврат. Деньги на карту до сих пор не вернули. Прошу ускорить возврат средств.",
    "returns",
    "high",
  ],
  [
    "Charged three times",
    "My card was debited three times for a single purchase of 45 000 KZT. I only made one payment. Please reverse the extra charges today, I cannot pay my rent.",
    "billing",
    "high",
  ],
  [
    "Unknown payment to your company",
    "There is a payment of 120 000 tenge to your shop on my statement that I never made. I did not order anything. This looks like fraud and I have already contacted my bank.",
    "billing",
    "critical",
  ],
  [
    "Неправильная сумма ежемесячного платежа по кредиту",
    "В графике платежей по рассрочке указано 15 000 тг в месяц, а списали 16 800 тг. Прошу объяснить, откуда взялась комиссия.",
    "billing",
    "medium",
  ],
  [
    "Cannot reset password",
    "The password reset link from your website says 'token invalid' every time. I tried two browsers. How can I get into my account?",
    "technical",
    "medium",
  ],
  [
    "Приложение не открывается",
    "После последнего обновления мобильное приложение вылетает на заставке. Переустановка не помогла, войти в личный кабинет не могу.",
    "technical",
    "medium",
  ],
  [
    "Question about a laptop",
    "Hello! Do you have the Lenovo Legion 5 in stock in your Almaty store, and can I pay for it in instalments? Thanks.",
    "other",
    "low",
  ],
  [
    "Great service",
    "I just wanted to thank the consultant Aigerim at your Aktau store, she was very patient and helpful when I chose a fridge. Excellent service!",
    "other",
    "low",
  ],
  [
    "Rude staff",
    "The security guard at your store was rude to my elderly mother and shouted at her. I expect an apology.",
    "other",
    "medium",
  ],
  [
    "Я подам в суд",
    "Третий месяц не могу добиться замены неисправного холодильника. Если до пятницы вопрос не решится, обращусь в суд и в комитет по защите прав потребителей.",
    "quality",
    "critical",
  ],
  [
    "Тапсырыс әлі жеткізілмеді",
    "Сәлеметсіз бе! Тапсырысым бір апта бұрын жеткізілуі керек еді, бірақ курьер әлі келмеді. Қашан жеткізесіздер?",
    "delivery",
    "medium",
  ],
  [
    "Refund for faulty headphones",
    "The left earbud of my Jabra Elite 4 crackles and cuts out since day two. I do not want a repair, I want my money back for this defective product.",
    "quality",
    "medium",
  ],
  [
    "Invoice page broken",
    "When I open 'My invoices' in the web cabinet I get a blank white page, so I cannot download the invoice for order 552301. Tried on two laptops.",
    "technical",
    "medium",
  ],
  [
    "Please cancel before dispatch",
    "I placed order 661204 an hour ago by mistake. Please cancel it before it ships and return the money to my card. Thanks.",
    "returns",
    "medium",
  ],
  [
    "Удалите мои данные",
    "Прошу удалить мои персональные данные из вашей базы и прекратить присылать рекламные SMS.",
    "other",
    "medium",
  ],
  [
    "Прислали другую модель",
    "Заказывал пылесос с контейнером, а в коробке оказалась модель с мешком. Упаковка целая, прошу обменять на то, что я заказывал.",
    "delivery",
    "medium",
  ],
  [
    "Теледидар сынды",
    "Сәлеметсіз бе! Өткен айда сатып алған теледидарым қосылмайды, экранда жолақтар пайда болды. Кепілдік бойынша жөндеп беруіңізді сұраймын.",
    "quality",
    "medium",
  ],
  [
    "Interest charged on a 0% plan",
    "My 0-0-12 instalment plan now shows interest of 4 500 KZT added to this month's payment. The contract says no interest. Please remove it.",
    "billing",
    "medium",
  ],
  [
    "Delivery guys broke my door frame",
    "Your delivery crew scratched the wall and broke the door frame while bringing in the wardrobe fridge. I want compensation for the repair.",
    "delivery",
    "medium",
  ],
  [
    "Order 7781234 - still waiting",
    "I paid for a washing machine two weeks ago. The site said delivery in 3 days. Still nothing, and your call centre keeps saying 'tomorrow'. I'm really fed up.",
    "delivery",
    "high",
  ],
  [
    "Headphones stopped charging",
    "My Sony WF-1000XM4 earbuds no longer charge, the case light doesn't come on. Bought in May. What should I do?",
    "quality",
    "medium",
  ],
  [
    "Refund",
    "Hi, I sent back the coffee machine via your pickup point on 2 March. When will I get the money back?",
    "returns",
    "low",
  ],
  [
    "Не приходит SMS для входа",
    "Не приходит СМС-код для входа в личный кабинет, уже час пытаюсь. Из-за этого не могу оплатить заказ, а акция заканчивается сегодня.",
    "technical",
    "high",
  ],
  [
    "Ошибка в счёте",
    "В счёте на оплату указана неверная сумма доставки: 5 000 тг вместо бесплатной. Прошу выставить исправленный счёт.",
    "billing",
    "medium",
  ],
  [
    "Телефон взорвался",
    "Телефон, купленный у вас, ночью загорелся на зарядке. Сгорела тумбочка. Требую компенсацию.",
    "quality",
    "critical",
  ],
  [
    "Duplicate payment on my card",
    "Hello, I see the same payment of 89 000 KZT twice on my card statement for one order. Please return the second one.",
    "billing",
    "high",
  ],
  [
    "Store manager was rude",
    "Yesterday your manager at the Khan Shatyr store refused to show me the TV and was very rude. I want to file a complaint about his behaviour.",
    "other",
    "medium",
  ],
  [
    "Do you deliver to Aktau?",
    "Hello, do you deliver large appliances to Aktau and how much does it cost?",
    "other",
    "low",
  ],
  [
    "Thank you!",
    "Your technician fixed our washing machine quickly. Great job, thank you!",
    "other",
    "low",
  ],
  [
    "Кредит без моего ведома",
    "На меня оформили рассрочку в вашем магазине, я её не оформлял. Это мошенничество, обращусь в полицию.",
    "billing",
    "critical",
  ],
  [
    "Wrong charger in the box",
    "The laptop came with a charger for a different model, it does not fit. Please send the right one.",
    "delivery",
    "medium",
  ],
  [
    "App keeps logging me out",
    "Your iOS app logs me out every few minutes. Annoying but I can still use the website.",
    "technical",
    "medium",
  ],
  [
    "Return a gift",
    "I received a kettle as a gift and would like to return it, it's unopened. Is that possible without a receipt?",
    "returns",
    "medium",
  ],
  [
    "Тапсырысты болдырмау",
    "Кеше жасаған тапсырысымды болдырмауды сұраймын, ақшаны картаға қайтарыңыздар.",
    "returns",
    "medium",
  ],
  [
    "Стиральная машина течёт",
    "Добрый день. Купили у вас стиральную машину Indesit IWSB 5085 месяц назад, теперь под ней лужа после каждой стирки. Вызовите, пожалуйста, мастера по гарантии.",
    "quality",
    "medium",
  ],
  [
    "Где возврат?!",
    "Уже третью неделю жду деньги за сданный телевизор. Звонил вам пять раз, каждый раз обещают разобраться. Это издевательство!",
    "returns",
    "high",
  ],
  [
    "Оплата не проходит",
    "При оплате картой на сайте выдаёт «Операция отклонена», хотя на карте деньги есть, и в других магазинах карта работает. Подскажите, в чём дело?",
    "technical",
    "medium",
  ],
  [
    "Курьер нагрубил",
    "Курьер, который привёз заказ, хамил и бросил коробку на пол. Товар вроде цел, но такое отношение недопустимо.",
    "delivery",
    "medium",
  ],
  [
    "Скидка не применилась",
    "Купил ноутбук по акции, но в чеке цена без скидки — переплатил 25 000 тг. Прошу вернуть разницу.",
    "billing",
    "medium",
  ],
  [
    "Тоңазытқыш шулайды",
    "Сәлеметсіз бе. Жаңа тоңазытқыш қатты шулайды, түнде ұйықтай алмаймыз. Тексеріп беріңіздерші.",
    "quality",
    "medium",
  ],
  [
    "Қосымшаға кіре алмаймын",
    "Қосымшаға кіре алмаймын, құпия сөзді қалпына келтіру де жұмыс істемейді.",
    "technical",
    "high",
  ],
  [
    "Package left at the wrong door",
    "The courier marked my parcel as delivered but it is not at my door, the photo shows a different building. Please find it.",
    "delivery",
    "medium",
  ],
  [
    "Warranty question",
    "Does the 2-year warranty on the Bosch dishwasher I bought also cover the pump? Just checking for the future.",
    "quality",
    "low",
  ],
  [
    "Why was I charged a delivery fee?",
    "My order was over 50 000 KZT so delivery should be free, but I was charged 2 000 KZT for delivery. Please refund the fee.",
    "billing",
    "medium",
  ],
  [
    "Screen cracked on arrival",
    "Opened the box and the tablet screen was already cracked. The outer box was dented too. Need a replacement.",
    "delivery",
    "medium",
  ],
  [
    "Unsubscribe me",
    "Please remove me from your mailing list, I keep getting promo emails.",
    "other",
    "low",
  ],
  [
    "Your app charged me for a cancelled order",
    "I cancelled order 552233 in the app and got the confirmation, but the money was still taken from my card yesterday. Please return it.",
    "returns",
    "high",
  ],
  [
    "My son got an electric shock",
    "The hair dryer we bought gave my son an electric shock when he plugged it in. He is fine but this is dangerous.",
    "quality",
    "critical",
  ],
  [
    "Complaint about price",
    "I saw the same phone 30 000 KZT cheaper at another shop. Can you match the price?",
    "other",
    "low",
  ],
  [
    "Out of Office",
    "Thank you for your email. I am out of the office until Monday with limited access to email.",
    "other",
    "low",
  ],
];

Deno.test("classifies letters written in other words than the development corpus", () => {
  let category = 0;
  let priority = 0;
  const misses: string[] = [];
  for (const [subject, body, cat, prio] of CASES) {
    const a = analyzeLocally(mail(subject, body));
    if (a.category === cat) category++;
    else misses.push(`${subject}: category ${a.category} (want ${cat})`);
    if (a.priority === prio) priority++;
    else misses.push(`${subject}: priority ${a.priority} (want ${prio})`);
  }
  if (misses.length) console.log(`own letters: ${misses.length} misses\n${misses.join("\n")}`);
  assert.ok(category / CASES.length >= 0.9, misses.join("\n"));
  assert.ok(priority / CASES.length >= 0.8, misses.join("\n"));
});

type EntityKind = "orderNumbers" | "amounts" | "dates" | "products";
interface BatchLetter {
  subject: string;
  body: string;
  category: string;
  priority: string;
  orderNumbers?: string[];
  amounts?: unknown[];
  dates?: string[];
  products?: string[];
}

/**
 * Runs a batch of labelled letters: counts right categories and priorities and, per entity kind
 * the batch labels, found/right/wanted; `why` lists every miss for the failure message.
 */
function scoreBatch(letters: BatchLetter[], kinds: EntityKind[]) {
  let category = 0;
  let priority = 0;
  const misses: string[] = [];
  const counts = Object.fromEntries(kinds.map((k) => [k, { found: 0, right: 0, wanted: 0 }]));
  const show = (v: unknown) =>
    typeof v === "object" && v
      ? `${(v as { value: number }).value} ${(v as { currency: string }).currency}`
      : String(v);
  for (const l of letters) {
    const a = analyzeLocally(mail(l.subject, l.body, { receivedAt: "2026-11-20T09:00:00Z" }));
    if (a.category === l.category) category++;
    else misses.push(`${l.subject}: category ${a.category} (want ${l.category})`);
    if (a.priority === l.priority) priority++;
    else misses.push(`${l.subject}: priority ${a.priority} (want ${l.priority})`);
    for (const kind of kinds) {
      const got = (a.entities[kind] as unknown[]).map(show);
      const want = ((l[kind] ?? []) as unknown[]).map(show);
      const c = counts[kind];
      c.found += got.length;
      c.wanted += want.length;
      c.right += got.filter((g) => want.includes(g)).length;
      for (const g of got) if (!want.includes(g)) misses.push(`${l.subject}: extra ${kind} ${g}`);
      for (const w of want) if (!got.includes(w)) misses.push(`${l.subject}: missed ${kind} ${w}`);
    }
  }
  return { category, priority, counts, why: misses.join("\n") };
}

/** Order-number recall and precision floors for a scored batch. */
function assertOrders(r: ReturnType<typeof scoreBatch>, recall: number, precision: number) {
  const c = r.counts.orderNumbers;
  assert.ok(c.right / c.wanted >= recall, `order recall ${c.right}/${c.wanted}\n${r.why}`);
  assert.ok(
    c.right / Math.max(1, c.found) >= precision,
    `order precision ${c.right}/${c.found}\n${r.why}`,
  );
}

Deno.test("a second batch of independently written letters keeps category, priority and order numbers", () => {
  const r = scoreBatch(HOLDOUT_B, ["orderNumbers"]);
  assert.ok(r.category / HOLDOUT_B.length >= 0.93, r.why);
  assert.ok(r.priority / HOLDOUT_B.length >= 0.93, r.why);
  assertOrders(r, 0.9, 0.9);
});

// Floors at what the analyzer reaches (29/30 categories, 30/30 priorities, every order): the miss
// is a courier's rudeness read as delivery (a courier thanked was one too, before context words
// counted less against a named cause).
Deno.test("a third batch of tricky letters (instalments, gift cards, hacked accounts, mixed signals) keeps its labels", () => {
  const r = scoreBatch(HOLDOUT_C, ["orderNumbers"]);
  assert.ok(r.category / HOLDOUT_C.length >= 0.96, r.why);
  assert.ok(r.priority / HOLDOUT_C.length >= 0.96, r.why);
  assertOrders(r, 0.95, 0.95);
});

// Before the staff-behaviour rule and its lexicon fixes the analyzer reached 26/30 categories and
// 27/30 priorities here; now 30/30 and 30/30, with 20 of 22 order numbers and one contract number
// read as an order. Floors sit one letter under that.
Deno.test("a fourth batch of boundary letters (cause of a refund, wrong item, rude staff, priority steps) keeps its labels", () => {
  const r = scoreBatch(HOLDOUT_D, ["orderNumbers"]);
  assert.ok(r.category / HOLDOUT_D.length >= 0.96, r.why);
  assert.ok(r.priority / HOLDOUT_D.length >= 0.96, r.why);
  assertOrders(r, 0.95, 0.95);
});

// First contact: 22/24 categories, 19/24 priorities; entities: orders 19/19, amounts 11/12
// ("tg" unread), dates 16/17 (a Kazakh date before an order number), products 11/12 (a shouted
// word joined to the model). Now 23/24 and 22/24 with every entity right; the misses left are
// missing bonus points (read as a loyalty question; its priority is right now that pre-sales
// words about a placed order no longer lower it), a late order without repeat contact labelled high, and a login failure
// read as a blocked service. The two overdue refunds (weeks after a return, money still not back)
// are labelled high since the development corpus's rule says money lost now is high; they read
// so once money owed was read from its parts (lib/analyze/local/impact.ts).
Deno.test("a fifth batch of everyday letters (typos, capitals, mixed languages) keeps its labels and entities", () => {
  const r = scoreBatch(HOLDOUT_E, ["orderNumbers", "amounts", "dates", "products"]);
  assert.ok(r.category >= 23, `categories ${r.category}/${HOLDOUT_E.length}\n${r.why}`);
  assert.ok(r.priority >= 22, `priorities ${r.priority}/${HOLDOUT_E.length}\n${r.why}`);
  for (const [kind, c] of Object.entries(r.counts)) {
    assert.equal(c.right, c.wanted, `${kind} recall ${c.right}/${c.wanted}\n${r.why}`);
    assert.equal(c.right, c.found, `${kind} precision ${c.right}/${c.found}\n${r.why}`);
  }
});

Deno.test("rudeness from a courier who delivered on time is a staff-behaviour complaint", () => {
  const a = analyzeLocally(
    mail(
      "Courier",
      "The parcel came on time and nothing is damaged. But the courier was rude, yelled at me and swore in front of my kids.",
    ),
  );
  assert.equal(a.category, "other");
  assert.equal(a.priority, "medium");
});

Deno.test("a courier who never came is still a delivery complaint even if the customer calls it rude", () => {
  const a = analyzeLocally(
    mail("Order 5512034", "The courier never came and the order 5512034 was not delivered. Rude."),
  );
  assert.equal(a.category, "delivery");
});

Deno.test("the port wrapper names the analyzer and times it", async () => {
  const r = await new LocalAnalyzer().analyze(mail("Broken kettle", "My kettle leaks water."));
  assert.equal(r.analyzer, "local");
  assert.match(r.version, /^local-/);
  assert.ok(r.ms >= 0);
  assert.equal(r.analysis.category, "quality");
});

Deno.test("safety hazards are critical, escalated to 3 and tagged", () => {
  const a = analyzeLocally(mail("Smoke", "The microwave started to smoke and sparks came out."));
  assert.equal(a.priority, "critical");
  assert.equal(a.escalationLevel, 3);
  assert.ok(a.tags.includes("safety"));
});

Deno.test("entities that appear only in an attachment are found", () => {
  const a = analyzeLocally(mail("Statement", "See the attached statement.", {
    attachmentsText: ["2025-03-01;SHOP ORDER QW-2025-700123;-15 990,00;KZT"],
  }));
  assert.deepEqual(a.entities.orderNumbers, ["QW-2025-700123"]);
  assert.deepEqual(a.entities.amounts, [{ value: 15990, currency: "KZT" }]);
  assert.deepEqual(a.entities.dates, ["2025-03-01"]);
});

Deno.test("quoted history counts less than the customer's own words", () => {
  const body = "It arrived, but now the screen flickers and it reboots by itself.\n\n" +
    "On Mon, 3 Mar 2025 at 10:00, Support <s@example.com> wrote:\n> Your parcel is delayed by the courier.\n" +
    "> The courier will deliver tomorrow. Delivery tracking is attached.";
  assert.equal(analyzeLocally(mail("Re: order", body)).category, "quality");
});

Deno.test("confidence is low for a nearly empty message and high for a clear one", () => {
  const thin = analyzeLocally(mail("hi", "hello?"));
  const clear = analyzeLocally(mail(
    "Parcel not delivered",
    "My parcel was not delivered: the courier never came and the tracking has been stuck for a week. Please deliver it.",
  ));
  assert.ok(thin.confidence < 0.3, `thin ${thin.confidence}`);
  assert.ok(clear.confidence > 0.6, `clear ${clear.confidence}`);
  assert.equal(thin.language, "en");
});

Deno.test("the summary is one sentence", () => {
  const a = analyzeLocally(mail(
    "Refund",
    "Hello. I returned the watch two weeks ago. The refund is still missing. Please check.",
  ));
  assert.equal(a.summary.match(/[.!?…](\s|$)/g)?.length, 1, a.summary);
});

Deno.test("a huge body is analysed from its start within bounded time", async () => {
  const { LocalAnalyzer, MAX_BODY_CHARS } = await import("./analyzer.ts");
  const body = "My order ORD-77881 never arrived and I want a refund. " +
    "Filler words about nothing in particular. ".repeat(Math.ceil(MAX_BODY_CHARS * 10 / 42));
  const started = performance.now();
  const { analysis } = await new LocalAnalyzer().analyze({
    subject: "Order ORD-77881",
    body,
    attachmentsText: Array.from({ length: 50 }, () => "x ".repeat(200_000)),
    from: "a@example.test",
    receivedAt: "2026-09-01T00:00:00Z",
  });
  assert.ok(performance.now() - started < 10_000, "bounded time");
  assert.ok(analysis.entities.orderNumbers.includes("ORD-77881"));
});

Deno.test("pre-sales words about an order already placed do not make it low", () => {
  const a = analyzeLocally({
    subject: "Order 7340016",
    body: "My order 7340016 was cancelled because the kettle is not in stock. I paid already.",
    attachmentsText: [],
    from: "a@b.kz",
    receivedAt: "2026-12-07T10:00:00Z",
  });
  assert.notEqual(a.priority, "low");
});

Deno.test("a confidentiality footer's 'unauthorised use' does not make a warranty repair critical", () => {
  const a = analyzeLocally(mail(
    "Speaker crackles",
    "Hello,\n\nmy bluetooth speaker crackles at any volume since last week. It is under warranty, " +
      "could you repair it?\n\nBest regards,\nPaul Green\nSales manager\n\n" +
      "This e-mail is confidential and intended only for the named recipient. Any unauthorised " +
      "use, copying or delivery of it is strictly prohibited.",
  ));
  assert.equal(a.category, "quality");
  assert.equal(a.priority, "medium");
  assert.ok(!a.tags.includes("fraud"), a.tags.join(","));
});

Deno.test("a return whose promised refund has not come is returns and high, however it is worded", () => {
  const a = analyzeLocally(mail(
    "Money for the returned blender",
    "Hello, I brought the blender back to your shop on the 3rd and they accepted the return. " +
      "I was told the money would be back within a week. Today is the 19th and there is nothing " +
      "on my card.",
  ));
  assert.equal(a.category, "returns");
  assert.equal(a.priority, "high");
});

Deno.test("a calm question about refund timing stays a low returns matter", () => {
  const a = analyzeLocally(mail(
    "Refund timing",
    "Hi, I returned a kettle yesterday. How many days does the refund usually take to reach the card?",
  ));
  assert.equal(a.category, "returns");
  assert.equal(a.priority, "low");
});

Deno.test("an app section about payments that stays empty is technical, not billing", () => {
  const a = analyzeLocally(mail(
    "Payments tab is empty",
    "Hello, since the last update the payments tab in your app is empty, although I have an " +
      "instalment plan and the monthly payment is listed on the website. Please fix it.",
  ));
  assert.equal(a.category, "technical");
  const ru = analyzeLocally(mail(
    "Не отображается график платежей",
    "Здравствуйте. В личном кабинете не отображается график платежей по рассрочке, страница пустая.",
  ));
  assert.equal(ru.category, "technical");
});

Deno.test("an app showing a higher instalment than agreed is billing, the app only shows it", () => {
  const a = analyzeLocally(mail(
    "Instalment amount",
    "Hello, my contract says 15 000 a month but the app shows 17 400 for this month. " +
      "Which amount is right? Please explain the difference.",
  ));
  assert.equal(a.category, "billing");
});

Deno.test("a locked account with an instalment due today is technical and high", () => {
  const a = analyzeLocally(mail(
    "Locked out",
    "Hello, my account got locked after a password reset and the unlock code never arrives. " +
      "Today is the last day to pay my instalment and the account is the only way I can pay.",
  ));
  assert.equal(a.category, "technical");
  assert.equal(a.priority, "high");
  const later = analyzeLocally(mail(
    "Locked out",
    "Hello, my account got locked after a password reset and the unlock code never arrives. " +
      "Could you unlock it?",
  ));
  assert.equal(later.priority, "medium");
});

Deno.test("a site fault in a letter that also wants to buy is a technical problem, not a pre-sales question", () => {
  const a = analyzeLocally(mail(
    "Cannot add to cart",
    "Hi, I want to buy the vacuum cleaner from your sale but the site keeps throwing me out " +
      "when I press the cart button. Please look into it.",
  ));
  assert.equal(a.category, "technical");
  assert.equal(a.priority, "medium");
});

Deno.test("a refund for an order that never came is delivery, not returns", () => {
  const a = analyzeLocally(mail(
    "Refund please",
    "Hello, I paid for a desk lamp two weeks ago. It never arrived and I do not need it any more, " +
      "so please refund me.",
  ));
  assert.equal(a.category, "delivery");
  const ru = analyzeLocally(mail(
    "Верните деньги",
    "Здравствуйте. Заказ так и не доставили, хотя прошло две недели. Верните деньги, пожалуйста.",
  ));
  assert.equal(ru.category, "delivery");
});

Deno.test("a refund for goods sent back by courier is returns, not delivery", () => {
  const a = analyzeLocally(mail(
    "Refund for returned shoes",
    "Hi, I sent back the shoes with your courier on Monday, it never came back to me as money. " +
      "When will the refund be processed?",
  ));
  assert.equal(a.category, "returns");
});

Deno.test("'where is my parcel?' after a promise ran out is a medium problem, not a low question", () => {
  const a = analyzeLocally(mail(
    "Where is my parcel?",
    "Hi, you said the parcel would come by Wednesday. It is Saturday and the tracking still " +
      "has not changed. Where is it?",
  ));
  assert.equal(a.category, "delivery");
  assert.equal(a.priority, "medium");
  const asked = analyzeLocally(mail(
    "Delivery time",
    "Hi, how many days does delivery to Taraz usually take?",
  ));
  assert.equal(asked.priority, "low");
});

Deno.test("a courier who failed to come again after the customer took time off work is high", () => {
  const a = analyzeLocally(mail(
    "No delivery again",
    "I took a day off work for the delivery slot you gave me and nobody came. You moved it to " +
      "Thursday and again nobody came. Please deliver the sofa this week.",
  ));
  assert.equal(a.category, "delivery");
  assert.equal(a.priority, "high");
  const once = analyzeLocally(mail(
    "No delivery",
    "The courier did not come in the slot you gave me today. When can you bring the sofa?",
  ));
  assert.equal(once.priority, "medium");
});

Deno.test("a battery that no longer holds a charge is quality, not a billing charge", () => {
  const a = analyzeLocally(mail(
    "Battery",
    "Hello, my electric toothbrush does not hold a charge any more, it dies after a day. " +
      "Please repair it under warranty.",
  ));
  assert.equal(a.category, "quality");
});

Deno.test("goods sent back whose tracking shows them received are returns, not delivery", () => {
  const a = analyzeLocally(mail(
    "Order 55-301",
    "Hi, I sent the kettle back ten days ago with your prepaid label and the tracking says you " +
      "got it on Monday. I still have not had my money back.",
  ));
  assert.equal(a.category, "returns");
  assert.equal(a.priority, "high");
});

Deno.test("headphones that crackle are a quality defect even when an exchange is asked", () => {
  const a = analyzeLocally(mail(
    "Наушники",
    "Здравствуйте, левый наушник хрипит на любой громкости. Можно обменять по гарантии?",
  ));
  assert.equal(a.category, "quality");
});

// Before the method changes of this batch (sign-offs cut; money owed, deadlines, lateness,
// repeats, site faults and the goods' way read from their parts) the analyzer reached 83/98
// categories and 78/98 priorities here; now 91/98 and 89/98, every language right. The misses
// left are mostly labels a reader could argue (a cashless "marked as delivered" read as medium,
// a VAT-invoice request with a month-end date read as medium, praise for delivery staff).
Deno.test("a sixth batch of mail-shaped letters (sign-offs, footers, quoted replies, boundary causes) keeps its labels", () => {
  let category = 0;
  let priority = 0;
  let language = 0;
  const misses: string[] = [];
  for (const l of HOLDOUT_F) {
    const a = analyzeLocally(mail(l.subject, l.body, { receivedAt: "2026-11-20T09:00:00Z" }));
    if (a.category === l.category) category++;
    else misses.push(`${l.subject}: category ${a.category} (want ${l.category})`);
    if (a.priority === l.priority) priority++;
    else misses.push(`${l.subject}: priority ${a.priority} (want ${l.priority})`);
    if (a.language === l.language) language++;
    else misses.push(`${l.subject}: language ${a.language} (want ${l.language})`);
  }
  const why = misses.join("\n");
  assert.ok(category >= 91, `categories ${category}/${HOLDOUT_F.length}\n${why}`);
  assert.ok(priority >= 89, `priorities ${priority}/${HOLDOUT_F.length}\n${why}`);
  assert.equal(language, HOLDOUT_F.length, why);
});

// Sealed (see the fixture): written by the labelling rules alone and scored once, with no change
// made for it. 57/60 categories (0.95) and 51/60 priorities (0.85) against the targets 0.85 and
// 0.75 on unseen mail. The floors are that first score: a change that loses a letter here has made
// the analyzer worse on mail it was not tuned on.
Deno.test("a sealed batch of letters the analyzer was never tuned on scores category and priority at least as at its first scoring", () => {
  const r = scoreBatch(HOLDOUT_G, []);
  assert.ok(r.category >= 57, `categories ${r.category}/${HOLDOUT_G.length}\n${r.why}`);
  assert.ok(r.priority >= 51, `priorities ${r.priority}/${HOLDOUT_G.length}\n${r.why}`);
});
