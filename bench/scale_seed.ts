/**
 * Realistic, varied complaints for the scale benchmark (bench/scale.ts): three languages, every
 * category, status by age over ~90 days, assignees, teams, SLA times, history, replies and
 * attachments, with subjects and bodies built from phrase banks so that full-text search has the
 * selectivity of a real inbox (common words in tens of percent of complaints, product names in a
 * few percent, an order number in one). Deterministic for a seed, relative to `now`.
 */
import {
  CATEGORIES,
  type Category,
  CATEGORY_INFO,
  type Complaint,
  type HistoryEntry,
  type Priority,
  type Status,
} from "../lib/schema/complaint.ts";
import { newId } from "../lib/crypto.ts";
import { refFor } from "../lib/complaints/ref.ts";
import { prng } from "../lib/eval/incident_burst.ts";

type Lang = "en" | "ru" | "kk";

const SUBJECTS: Record<Lang, Record<Category, string[]>> = {
  en: {
    returns: [
      "Refund not received for returned {product}",
      "Return request refused",
      "Where is my refund?",
      "Wrong amount refunded for order {order}",
      "Cannot start a return for {product}",
    ],
    delivery: [
      "Order {order} has not arrived",
      "Courier never came",
      "Parcel delivered to the wrong address",
      "Delivery delayed again",
      "Package arrived damaged",
      "Tracking number does not work",
    ],
    quality: [
      "{product} broke after two days",
      "Defective {product}",
      "Screen cracked out of the box",
      "{product} smells of burnt plastic",
      "Missing parts in the box",
    ],
    technical: [
      "Cannot log in to my account",
      "App crashes at checkout",
      "Verification code never arrives",
      "Payment page shows an error",
      "{product} will not pair with the app",
    ],
    billing: [
      "Charged twice for order {order}",
      "Wrong amount on my invoice",
      "Unauthorised payment on my card",
      "Instalment charged after cancellation",
      "Promo code discount not applied",
    ],
    other: [
      "Rude operator on the hotline",
      "Please delete my personal data",
      "Question about my order {order}",
      "Feedback about your store",
      "Complaint about the pickup point staff",
    ],
  },
  ru: {
    returns: [
      "Не вернули деньги за {product}",
      "Отказали в возврате товара",
      "Где мой возврат?",
      "Вернули неверную сумму по заказу {order}",
      "Не могу оформить возврат",
    ],
    delivery: [
      "Заказ {order} не доставлен",
      "Курьер не приехал",
      "Посылку доставили не по адресу",
      "Доставка снова задерживается",
      "Коробка пришла повреждённой",
      "Трек-номер не отслеживается",
    ],
    quality: [
      "{product} сломался через два дня",
      "Бракованный товар: {product}",
      "Экран треснул при распаковке",
      "{product} пахнет горелым пластиком",
      "В комплекте не хватает деталей",
    ],
    technical: [
      "Не могу войти в личный кабинет",
      "Приложение вылетает при оплате",
      "Не приходит код подтверждения",
      "Ошибка на странице оплаты",
      "{product} не подключается к приложению",
    ],
    billing: [
      "Деньги списали дважды за заказ {order}",
      "Неверная сумма в счёте",
      "Списание без моего согласия",
      "Списали рассрочку после отмены",
      "Промокод не применился",
    ],
    other: [
      "Грубый оператор горячей линии",
      "Прошу удалить мои персональные данные",
      "Вопрос по заказу {order}",
      "Отзыв о магазине",
      "Жалоба на сотрудника пункта выдачи",
    ],
  },
  kk: {
    returns: [
      "{product} үшін ақша қайтарылмады",
      "Тауарды қайтарудан бас тартты",
      "Ақшамды қашан қайтарасыздар?",
      "{order} тапсырысы бойынша қате сома қайтарылды",
    ],
    delivery: [
      "{order} тапсырысы жеткізілмеді",
      "Курьер келмеді",
      "Сәлемдеме басқа мекенжайға жеткізілді",
      "Жеткізу тағы кешікті",
      "Қорап зақымданып келді",
    ],
    quality: [
      "{product} екі күннен кейін сынды",
      "Ақаулы тауар: {product}",
      "Экраны жарылған",
      "Жинақта бөлшектер жетіспейді",
    ],
    technical: [
      "Жеке кабинетке кіре алмаймын",
      "Төлем кезінде қолданба жабылып қалады",
      "Растау коды келмейді",
      "Төлем бетінде қате шығады",
    ],
    billing: [
      "{order} тапсырысы үшін ақша екі рет алынды",
      "Шотта қате сома",
      "Келісімімсіз ақша алынды",
      "Промокод қолданылмады",
    ],
    other: [
      "Қолдау қызметінің операторы дөрекі сөйледі",
      "Жеке деректерімді жоюды сұраймын",
      "{order} тапсырысы туралы сұрақ",
      "Дүкен туралы пікір",
    ],
  },
};

const SENTENCES: Record<Lang, Record<Category, string[]>> = {
  en: {
    returns: [
      "I returned the {product} three weeks ago and still have no refund.",
      "The store accepted the return but the money never reached my card.",
      "Your support promised a refund within five working days.",
      "I was told the item was opened so the return was refused, which is not true.",
      "Please refund {amount} to the original payment method.",
    ],
    delivery: [
      "My order {order} was supposed to arrive last Monday.",
      "The courier marked the parcel as delivered but nobody came.",
      "Tracking has shown the same status for a week.",
      "The box was crushed and the {product} inside is scratched.",
      "I waited at home all day and the delivery was rescheduled again.",
      "The parcel was left with a neighbour I do not know.",
    ],
    quality: [
      "The {product} stopped working after two days of normal use.",
      "There is a crack on the housing and it rattles when I shake it.",
      "It overheats and smells of burnt plastic, I am afraid to use it.",
      "The instructions are missing and two screws are not in the box.",
      "This is the second defective unit I have received.",
    ],
    technical: [
      "When I try to log in the page reloads and nothing happens.",
      "The app crashes every time I press the pay button.",
      "The SMS with the verification code never arrives on my phone {phone}.",
      "I reset my password twice and still cannot get into my account.",
      "The {product} does not show up in the app, pairing fails.",
    ],
    billing: [
      "I was charged {amount} twice for the same order {order}.",
      "The invoice shows a delivery fee that I did not agree to.",
      "There is a payment on my card that I never made.",
      "I cancelled the instalment plan but the bank still charges me.",
      "The promo code was accepted but the discount is not on the receipt.",
    ],
    other: [
      "The operator on the hotline was rude and hung up on me.",
      "Please delete all personal data you hold about me.",
      "I would like to know the status of my order {order}.",
      "The staff at the pickup point were unhelpful and unfriendly.",
      "I have been a loyal customer for years and this is disappointing.",
    ],
  },
  ru: {
    returns: [
      "Я вернул {product} три недели назад, деньги так и не пришли.",
      "Магазин принял возврат, но деньги на карту не поступили.",
      "В поддержке обещали вернуть деньги в течение пяти рабочих дней.",
      "Мне отказали в возврате, сказали что упаковка вскрыта, это неправда.",
      "Прошу вернуть {amount} на карту, с которой была оплата.",
    ],
    delivery: [
      "Мой заказ {order} должны были доставить в понедельник.",
      "Курьер отметил посылку как доставленную, но никто не приходил.",
      "Статус отслеживания не меняется уже неделю.",
      "Коробка смята, {product} внутри поцарапан.",
      "Я прождал весь день дома, доставку опять перенесли.",
      "Посылку оставили у соседа, которого я не знаю.",
    ],
    quality: [
      "{product} перестал работать через два дня обычного использования.",
      "На корпусе трещина, внутри что-то гремит.",
      "Он перегревается и пахнет горелым пластиком, боюсь пользоваться.",
      "Нет инструкции и не хватает двух винтов.",
      "Это уже второй бракованный экземпляр.",
    ],
    technical: [
      "При входе страница перезагружается и ничего не происходит.",
      "Приложение закрывается каждый раз, когда я нажимаю оплатить.",
      "СМС с кодом подтверждения не приходит на номер {phone}.",
      "Я дважды сбросил пароль и всё равно не могу войти.",
      "{product} не отображается в приложении, подключение не удаётся.",
    ],
    billing: [
      "С карты дважды списали {amount} за один заказ {order}.",
      "В счёте указана платная доставка, на которую я не соглашался.",
      "На карте списание, которого я не совершал.",
      "Я отменил рассрочку, но банк продолжает списывать деньги.",
      "Промокод приняли, но скидки в чеке нет.",
    ],
    other: [
      "Оператор горячей линии нагрубил и бросил трубку.",
      "Прошу удалить все мои персональные данные.",
      "Хочу узнать статус моего заказа {order}.",
      "Сотрудники пункта выдачи были невежливы.",
      "Я давно ваш покупатель, и это очень разочаровывает.",
    ],
  },
  kk: {
    returns: [
      "Мен {product} тауарын үш апта бұрын қайтардым, ақша әлі жоқ.",
      "Дүкен тауарды қабылдады, бірақ ақша картаға түспеді.",
      "{amount} сомасын картама қайтаруыңызды сұраймын.",
      "Қаптамасы ашылған деп қайтарудан бас тартты, бұл шындыққа жатпайды.",
    ],
    delivery: [
      "Менің {order} тапсырысым дүйсенбіде жеткізілуі керек еді.",
      "Курьер сәлемдемені жеткізілді деп белгіледі, бірақ ешкім келмеді.",
      "Бір апта бойы бақылау мәртебесі өзгермейді.",
      "Қорап мыжылған, ішіндегі {product} сызылған.",
      "Күні бойы үйде күттім, жеткізу тағы ауыстырылды.",
    ],
    quality: [
      "{product} екі күн қолданғаннан кейін істен шықты.",
      "Корпусында жарық бар, ішінде бірдеңе салдырлайды.",
      "Қатты қызып кетеді, күйген пластиктің иісі шығады.",
      "Нұсқаулық жоқ, екі бұранда жетіспейді.",
    ],
    technical: [
      "Кіруге тырысқанда бет қайта жүктеледі.",
      "Төлеу батырмасын басқан сайын қолданба жабылады.",
      "Растау коды {phone} нөміріне келмейді.",
      "Құпиясөзді екі рет өзгерттім, бәрібір кіре алмаймын.",
    ],
    billing: [
      "Бір {order} тапсырысы үшін картадан {amount} екі рет алынды.",
      "Шотта мен келіспеген ақылы жеткізу көрсетілген.",
      "Картамнан мен жасамаған төлем алынды.",
      "Бөліп төлеуді тоқтаттым, бірақ банк ақша алуды жалғастыруда.",
    ],
    other: [
      "Қолдау қызметінің операторы дөрекі сөйлеп, телефонды қойып тастады.",
      "Менің барлық жеке деректерімді жоюды сұраймын.",
      "{order} тапсырысымның мәртебесін білгім келеді.",
      "Беру пунктінің қызметкерлері әдепсіз болды.",
    ],
  },
};

const OPENINGS: Record<Lang, string[]> = {
  en: ["Hello,", "Good afternoon,", "Hi team,", "Dear support,", "To whom it may concern,"],
  ru: ["Здравствуйте!", "Добрый день.", "Уважаемая поддержка,", "Привет."],
  kk: ["Сәлеметсіз бе!", "Қайырлы күн.", "Құрметті қолдау қызметі,"],
};
const CLOSINGS: Record<Lang, string[]> = {
  en: ["Please help.", "Thank you.", "I expect an answer today.", "Regards,", "Kind regards,"],
  ru: ["Помогите, пожалуйста.", "Спасибо.", "Жду ответа сегодня.", "С уважением,"],
  kk: ["Көмектесіңізші.", "Рахмет.", "Бүгін жауап күтемін.", "Құрметпен,"],
};

/** Products by language; the first few are common, the tail is rare (a few per mille). */
const PRODUCTS: Record<Lang, string[]> = {
  en: [
    "phone",
    "laptop",
    "headphones",
    "kettle",
    "vacuum cleaner",
    "coffee machine",
    "blender",
    "microwave",
    "air fryer",
    "office chair",
    "baby stroller",
    "winter jacket",
    "sneakers",
    "smartwatch",
    "robot mower",
    "espresso grinder",
    "dehumidifier",
  ],
  ru: [
    "телефон",
    "ноутбук",
    "наушники",
    "чайник",
    "пылесос",
    "кофемашина",
    "блендер",
    "микроволновка",
    "аэрогриль",
    "офисное кресло",
    "детская коляска",
    "зимняя куртка",
    "кроссовки",
    "смарт-часы",
    "газонокосилка",
    "осушитель",
  ],
  kk: [
    "телефон",
    "ноутбук",
    "құлаққап",
    "шәйнек",
    "шаңсорғыш",
    "кофемашина",
    "блендер",
    "тоңазытқыш",
    "кір жуғыш машина",
    "балалар арбасы",
    "қысқы күрте",
  ],
};

const NAMES: Record<Lang, { first: [string, string][]; last: [string, string][] }> = {
  en: {
    first: [
      ["James", "james"],
      ["Mary", "mary"],
      ["Oliver", "oliver"],
      ["Emma", "emma"],
      ["Liam", "liam"],
      ["Sophia", "sophia"],
      ["Noah", "noah"],
      ["Ava", "ava"],
      ["Lucas", "lucas"],
      ["Grace", "grace"],
    ],
    last: [
      ["Smith", "smith"],
      ["Johnson", "johnson"],
      ["Brown", "brown"],
      ["Taylor", "taylor"],
      ["Wilson", "wilson"],
      ["Davies", "davies"],
      ["Evans", "evans"],
      ["Walker", "walker"],
      ["Hughes", "hughes"],
      ["Whitfield", "whitfield"],
    ],
  },
  ru: {
    first: [
      ["Иван", "ivan"],
      ["Мария", "maria"],
      ["Алексей", "alexey"],
      ["Екатерина", "ekaterina"],
      ["Дмитрий", "dmitry"],
      ["Ольга", "olga"],
      ["Сергей", "sergey"],
      ["Анна", "anna"],
      ["Павел", "pavel"],
      ["Юлия", "yulia"],
    ],
    last: [
      ["Иванов", "ivanov"],
      ["Смирнова", "smirnova"],
      ["Кузнецов", "kuznetsov"],
      ["Попова", "popova"],
      ["Соколов", "sokolov"],
      ["Лебедева", "lebedeva"],
      ["Козлов", "kozlov"],
      ["Новикова", "novikova"],
      ["Морозов", "morozov"],
      ["Волкова", "volkova"],
    ],
  },
  kk: {
    first: [
      ["Айгерім", "aigerim"],
      ["Нұрлан", "nurlan"],
      ["Динара", "dinara"],
      ["Ерлан", "erlan"],
      ["Жанар", "zhanar"],
      ["Асқар", "askar"],
      ["Әлия", "aliya"],
      ["Бауыржан", "baurzhan"],
    ],
    last: [
      ["Омарова", "omarova"],
      ["Сейтқалиев", "seitkaliev"],
      ["Жақсыбеков", "zhaksybekov"],
      ["Әбдірахманова", "abdirakhmanova"],
      ["Нұрғалиев", "nurgaliev"],
      ["Тоқтарова", "toktarova"],
    ],
  },
};
const DOMAINS = ["gmail.com", "mail.ru", "yandex.kz", "outlook.com", "inbox.kz", "yahoo.com"];

const AGENTS = Array.from({ length: 12 }, (_, i) => `agent${i + 1}@example.com`);
const TEAMS = [...new Set(Object.values(CATEGORY_INFO).map((i) => i.team))];
const SLA_HOURS: Record<Priority, number> = { critical: 1, high: 4, medium: 24, low: 72 };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Weighted choice: `weights` in the order of `items`. */
function weighted<T>(rand: () => number, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rand() * total;
  for (let i = 0; i < items.length; i++) if ((r -= weights[i]) < 0) return items[i];
  return items[items.length - 1];
}

/** Status by age: recent complaints are open, old ones mostly resolved or closed. */
function statusFor(rand: () => number, ageDays: number): Status {
  const statuses: Status[] = ["new", "in_progress", "waiting", "resolved", "closed", "duplicate"];
  if (ageDays < 2) return weighted(rand, statuses, [45, 30, 15, 7, 0, 3]);
  if (ageDays < 14) return weighted(rand, statuses, [8, 20, 14, 40, 15, 3]);
  return weighted(rand, statuses, [1.5, 2.5, 2, 40, 51, 3]);
}

/** The order numbers one run of the generator uses (the benchmark searches one of them). */
export function orderNumber(n: number): string {
  return `ZE-2026-${String(100000 + (n * 7919) % 900000).padStart(6, "0")}`;
}

/**
 * The `i`-th of `count` complaints, received within `days` before `now`. Complaints with a
 * lower `i` are older, roughly (a real inbox fills in time order).
 */
export function scaleComplaint(i: number, count: number, now: number, days = 90): Complaint {
  const rand = prng(i * 2654435761 + 17);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];
  // Later days are busier (a growing shop), and mail arrives mostly in working hours.
  const position = Math.min(0.9999, Math.sqrt((i + rand()) / count));
  const dayStart = now - days * DAY + Math.floor(position * days) * DAY;
  const hourOfDay = weighted(
    rand,
    Array.from({ length: 24 }, (_, h) => h),
    Array.from({ length: 24 }, (_, h) => (h >= 8 && h <= 20 ? 6 : 1)),
  );
  const received = Math.min(now - 60_000, dayStart + hourOfDay * HOUR + rand() * HOUR);
  const receivedAt = new Date(received).toISOString();
  const ageDays = (now - received) / DAY;

  const lang = weighted<Lang>(rand, ["en", "ru", "kk"], [55, 33, 12]);
  const category = weighted(rand, CATEGORIES, [18, 30, 16, 12, 14, 10]);
  const priority = weighted<Priority>(rand, ["low", "medium", "high", "critical"], [25, 50, 20, 5]);
  const status = statusFor(rand, ageDays);
  // Product popularity falls off steeply: the first few are everywhere, the last are rare.
  const products = PRODUCTS[lang];
  const product = products[Math.floor(products.length * rand() ** 2.2)];
  const order = orderNumber(i);
  const amount = `${(5 + Math.floor(rand() * 400)) * 10} ${pick(["KZT", "RUB", "USD", "EUR"])}`;
  const phone = `+7 7${Math.floor(10 + rand() * 89)} ${Math.floor(100 + rand() * 899)} ${
    Math.floor(1000 + rand() * 8999)
  }`;
  const fill = (s: string) =>
    s.replaceAll("{product}", product).replaceAll("{order}", order).replaceAll("{amount}", amount)
      .replaceAll("{phone}", phone);

  const names = NAMES[lang];
  const [first, firstLatin] = pick(names.first);
  const [last, lastLatin] = pick(names.last);
  // About a third as many customers as complaints: many write more than once.
  const customerNo = Math.floor(rand() * Math.max(1, count / 3));
  const email = `${firstLatin}.${lastLatin}${customerNo}@${pick(DOMAINS)}`;

  const subject = fill(pick(SUBJECTS[lang][category]));
  const own = SENTENCES[lang][category];
  const sentences = Array.from({ length: 2 + Math.floor(rand() * 4) }, () => fill(pick(own)));
  // A sentence from another category now and then: real mail wanders.
  if (rand() < 0.3) sentences.push(fill(pick(SENTENCES[lang][pick(CATEGORIES)])));
  const description = [
    pick(OPENINGS[lang]),
    sentences.join(" "),
    `${pick(CLOSINGS[lang])}\n${first} ${last}`,
  ].join("\n\n");
  const bodyHtml = description.split("\n\n").map((p) => `<p>${p.replaceAll("\n", "<br>")}</p>`)
    .join("");

  const open = status === "new" || status === "in_progress" || status === "waiting";
  const assignee = status === "new"
    ? (rand() < 0.2 ? pick(AGENTS) : null)
    : status === "duplicate"
    ? null
    : pick(AGENTS);
  const routed = CATEGORY_INFO[category].team;
  const team = rand() < 0.1 ? pick(TEAMS) : routed;
  const due = received + SLA_HOURS[priority] * HOUR;
  const id = newId(received);
  const history: HistoryEntry[] = [
    { at: receivedAt, actor: "system", action: "created", details: {} },
  ];
  const later = (hours: number) => new Date(received + hours * HOUR).toISOString();
  let updated = received;
  if (assignee) {
    history.push({
      at: later(0.5),
      actor: "system",
      action: "assigned",
      details: { to: assignee },
    });
  }
  const originalCategory = rand() < 0.05 ? pick(CATEGORIES) : category;
  if (originalCategory !== category) {
    history.push({
      at: later(1),
      actor: assignee ?? "admin@example.com",
      action: "category_changed",
      details: { from: originalCategory, to: category, original: originalCategory },
    });
  }
  if (status !== "new") {
    const hours = Math.min(ageDays * 24, 2 + rand() * 70);
    updated = received + hours * HOUR;
    history.push({
      at: later(hours),
      actor: assignee ?? "system",
      action: "status_changed",
      details: { from: "new", to: status },
    });
  }
  const replied = !open && status !== "duplicate" && rand() < 0.6;
  const claude = rand() < 0.25;
  const attachment = rand() < 0.15;
  return {
    id,
    messageId: `<scale-${i}-${id}@${pick(DOMAINS)}>`,
    customer: { email, name: `${first} ${last}` },
    subject,
    description,
    bodyHtml,
    language: lang,
    category,
    subcategory: "",
    priority,
    sentiment: weighted(rand, ["negative", "neutral", "positive"] as const, [70, 25, 5]),
    sentimentScore: Math.round((rand() * 1.6 - 1) * 100) / 100,
    confidence: Math.round((0.4 + rand() * 0.6) * 100) / 100,
    status,
    assignee,
    team,
    escalationLevel: open && received < now - 2 * DAY ? Math.floor(rand() * 3) : 0,
    slaDueAt: new Date(due).toISOString(),
    slaWarnAt: new Date(due - SLA_HOURS[priority] * HOUR * 0.25).toISOString(),
    slaClock: { pausedMs: status === "waiting" ? Math.floor(rand() * 8 * HOUR) : 0 },
    flags: {
      legal: rand() < 0.02,
      compensation: category === "returns" || category === "billing" ? rand() < 0.4 : false,
      safety: category === "quality" && rand() < 0.1,
      fraud: category === "billing" && rand() < 0.05,
      followUp: rand() < 0.1,
    },
    tags: rand() < 0.1 ? ["vip"] : [],
    parseWarnings: [],
    entities: {
      orderNumbers: rand() < 0.7 ? [order] : [],
      amounts: category === "billing" || category === "returns"
        ? [{ value: Number(amount.split(" ")[0]), currency: amount.split(" ")[1] }]
        : [],
      dates: [],
      products: [product],
      phones: category === "technical" ? [phone.replaceAll(" ", "")] : [],
    },
    attachments: attachment
      ? [{
        filename: rand() < 0.5 ? "receipt.pdf" : "photo.jpg",
        contentType: rand() < 0.5 ? "application/pdf" : "image/jpeg",
        size: 20_000 + Math.floor(rand() * 900_000),
        sha256: id.padEnd(64, "0").toLowerCase(),
        storageKey: `att/${id}`,
        inline: false,
        extraction: { status: "done", method: "pdf", pages: 1, ms: 12 },
        extractedText: `${order} ${amount}`,
      }]
      : [],
    analysis: {
      analyzer: claude ? "claude" : "local",
      ...(claude ? { model: "claude-haiku-5-5" } : {}),
      ms: claude ? 900 + Math.floor(rand() * 1500) : 1,
      cached: false,
      summary: subject,
    },
    processing: { state: "done", attempts: 1 },
    source: "email",
    contentHash: `${id}${i}`.padEnd(64, "f").toLowerCase(),
    rawKey: `raw/${id}.eml`,
    ingestKey: `mid:scale-${i}-${id}`,
    ref: refFor(id),
    duplicateOf: null,
    relatedComplaints: [],
    messages: replied
      ? [{
        direction: "outbound",
        messageId: `<reply-${id}@example.com>`,
        from: "support@example.com",
        to: email,
        subject: `Re: ${subject}`,
        text: lang === "en"
          ? "We are sorry for the trouble. Your case has been resolved."
          : lang === "ru"
          ? "Приносим извинения. Ваше обращение решено."
          : "Қолайсыздық үшін кешірім сұраймыз. Өтінішіңіз шешілді.",
        attachments: [],
        receivedAt: new Date(updated).toISOString(),
        sentAt: new Date(updated).toISOString(),
        state: "sent",
        attempts: 1,
        by: assignee ?? "support@example.com",
      }]
      : [],
    history,
    receivedAt,
    createdAt: receivedAt,
    updatedAt: new Date(updated).toISOString(),
  };
}
