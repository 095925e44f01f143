/**
 * A generated burst for the incident evaluation: several incidents (many customers reporting one
 * thing, in English, Russian and Kazakh, in their own words) mixed with unrelated complaints, all
 * within the hour. Deterministic for a seed, so runs compare.
 */

/** One generated email and the incident it belongs to (null: unrelated). */
export interface BurstEmail {
  messageId: string;
  group: string | null;
  raw: string;
}

type Variant = { subject: string; body: string };

/** Incidents: each a pool of wordings per language; `{order}` becomes an order number. */
const INCIDENTS: Record<string, Variant[]> = {
  "shopapp-login": [
    {
      subject: "ShopApp crashes at login",
      body:
        "Since this morning ShopApp closes as soon as I try to log in. I reinstalled it, the app still crashes.",
    },
    {
      subject: "Cannot log in to ShopApp",
      body:
        "ShopApp shows a white screen and crashes every time I enter my password. Please fix the app.",
    },
    {
      subject: "ShopApp вылетает при входе",
      body:
        "С утра приложение ShopApp закрывается, как только я пытаюсь войти. Переустановил, не помогло.",
    },
    {
      subject: "Не могу войти в ShopApp",
      body: "Приложение ShopApp вылетает при вводе пароля. Исправьте, пожалуйста, приложение.",
    },
    {
      subject: "ShopApp кіргенде жабылып қалады",
      body:
        "Бүгін таңнан бері ShopApp қосымшасы кіруге тырысқанда жабылып қалады. Қайта орнаттым, көмектеспеді.",
    },
  ],
  "speedpost-courier": [
    {
      subject: "SpeedPost courier did not come",
      body:
        "My order {order} was due today but the SpeedPost courier never arrived and nobody called. Where is my parcel?",
    },
    {
      subject: "Parcel {order} not delivered by SpeedPost",
      body:
        "I waited at home all day, the SpeedPost courier did not show up. The tracking says delivered, but I have no parcel.",
    },
    {
      subject: "Курьер SpeedPost не приехал",
      body:
        "Заказ {order} должны были доставить сегодня, но курьер SpeedPost так и не приехал. Где моя посылка?",
    },
    {
      subject: "SpeedPost не доставил заказ {order}",
      body:
        "Весь день ждала дома, курьер SpeedPost не пришёл, а в отслеживании написано доставлено.",
    },
    {
      subject: "SpeedPost курьері келмеді",
      body:
        "{order} тапсырысым бүгін жеткізілуі керек еді, бірақ SpeedPost курьері келмеді. Сәлемдемем қайда?",
    },
  ],
  "aquapure-leak": [
    {
      subject: "AquaPure X200 filter is leaking",
      body:
        "The AquaPure X200 water filter I bought (order {order}) leaks from the bottom after two days. Water all over the kitchen.",
    },
    {
      subject: "Leak from my AquaPure X200",
      body:
        "My new AquaPure X200 is defective: water drips from the housing. I want a replacement.",
    },
    {
      subject: "Фильтр AquaPure X200 протекает",
      body:
        "Купил фильтр AquaPure X200 (заказ {order}), через два дня он начал протекать снизу. Брак.",
    },
    {
      subject: "AquaPure X200 сүзгісі ағып тұр",
      body:
        "Сатып алған AquaPure X200 су сүзгісі екі күннен кейін ағып кетті. Ақаулы тауар, ауыстырып беріңіз.",
    },
  ],
  "double-charge": [
    {
      subject: "Charged twice for one order",
      body:
        "My card was charged twice today for the same order {order}. Please refund the second payment.",
    },
    {
      subject: "Double charge on my card",
      body:
        "Today you charged my card twice for one order {order}. I need the duplicate payment refunded.",
    },
    {
      subject: "Payment taken twice",
      body:
        "The payment for order {order} was charged twice on my card today. Refund the extra charge please.",
    },
  ],
};

/** Unrelated complaints: each its own problem. */
const UNRELATED: Variant[] = [
  {
    subject: "Wrong size shoes",
    body: "I ordered size 42 running shoes but received 39. I would like to return them.",
  },
  {
    subject: "Return of a jacket",
    body: "How do I send back the winter jacket from order {order}? It does not fit.",
  },
  {
    subject: "Refund for returned blender",
    body: "I returned the blender two weeks ago and still have no refund.",
  },
  {
    subject: "Invoice address",
    body: "Please correct the company address on my invoice for {order}.",
  },
  {
    subject: "Question about VAT",
    body: "Does the price on your site include VAT? I need it for accounting.",
  },
  {
    subject: "Password reset email never arrives",
    body: "I asked for a password reset on the website three times, no email came.",
  },
  {
    subject: "Website search is slow",
    body: "Searching for products on your website takes a minute to show results.",
  },
  {
    subject: "Scratched table",
    body: "The oak coffee table arrived with a deep scratch on the top. Order {order}.",
  },
  {
    subject: "Kettle stopped working",
    body: "The electric kettle stopped heating after one week of use.",
  },
  {
    subject: "Late delivery of sofa",
    body: "The sofa from order {order} was promised last Friday and has not arrived.",
  },
  {
    subject: "Parcel left at the wrong door",
    body: "The courier left my parcel at my neighbour's door without asking me.",
  },
  {
    subject: "Gift wrapping",
    body: "Can you gift wrap my order {order}? It is a birthday present.",
  },
  {
    subject: "Store opening hours",
    body: "What are the opening hours of your Almaty store on Sunday?",
  },
  { subject: "Не тот цвет", body: "Заказывала синее платье, а пришло зелёное. Хочу вернуть." },
  {
    subject: "Возврат денег за наушники",
    body: "Вернула наушники месяц назад, деньги до сих пор не пришли.",
  },
  {
    subject: "Сломался пылесос",
    body: "Пылесос перестал включаться через неделю после покупки, заказ {order}.",
  },
  {
    subject: "Счёт на оплату",
    body: "Пришлите, пожалуйста, счёт на оплату для юридического лица.",
  },
  {
    subject: "Сайт не открывается в Safari",
    body: "Ваш сайт не загружается в браузере Safari на Mac, белая страница.",
  },
  {
    subject: "Тапсырыс кешікті",
    body: "Диван тапсырысы {order} бір аптаға кешікті, қашан жеткізесіздер?",
  },
  {
    subject: "Қате тауар келді",
    body: "Мен қара сөмке тапсырыс бердім, бірақ қоңыр сөмке келді. Қайтарғым келеді.",
  },
  {
    subject: "Ақша қайтарылмады",
    body: "Тауарды екі апта бұрын қайтардым, ақшам әлі қайтарылған жоқ.",
  },
  {
    subject: "Loyalty points missing",
    body: "My loyalty points for order {order} were not added to my account.",
  },
  {
    subject: "Broken glass in the box",
    body: "The set of wine glasses arrived with two broken glasses.",
  },
  {
    subject: "Cannot change delivery date",
    body: "The website does not let me change the delivery date of my order.",
  },
  // The incidents' products, about something else: they must stay out.
  {
    subject: "ShopApp notifications",
    body: "How do I turn off the marketing notifications in ShopApp? There are too many.",
  },
  {
    subject: "Return an unused AquaPure X200",
    body: "I changed my mind about the AquaPure X200, it is unopened. How do I return it?",
  },
  {
    subject: "Invoice for SpeedPost shipping",
    body: "Please send an invoice that shows the SpeedPost shipping cost for order {order}.",
  },
];

/** A small deterministic generator (mulberry32): the same seed gives the same sequence. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  "Aida Sarsen",
  "Boris Ivanov",
  "Chloe Martin",
  "Dana Nurlan",
  "Erik Larsen",
  "Farida Aliyeva",
  "Georg Weber",
  "Hana Kim",
  "Ivan Petrov",
  "Jamila Omar",
];

/**
 * The burst: each incident reported by `perIncident` customers (wordings drawn from its pool,
 * all languages), `unrelated` other complaints, shuffled, every sender a different customer.
 */
export function incidentBurst(
  options: { seed?: number; perIncident?: number; unrelated?: number } = {},
): BurstEmail[] {
  const rnd = prng(options.seed ?? 7);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const items: { group: string | null; v: Variant }[] = [];
  for (const [group, pool] of Object.entries(INCIDENTS)) {
    for (let i = 0; i < (options.perIncident ?? 7); i++) {
      items.push({ group, v: i < pool.length ? pool[i] : pick(pool) });
    }
  }
  const unrelated = options.unrelated ?? UNRELATED.length;
  for (let i = 0; i < unrelated; i++) {
    items.push({ group: null, v: UNRELATED[i % UNRELATED.length] });
  }
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  const start = Date.UTC(2026, 4, 12, 9, 0, 0);
  return items.map(({ group, v }, n) => {
    const order = `ORD-${100000 + Math.floor(rnd() * 900000)}`;
    const fill = (s: string) => s.replaceAll("{order}", order);
    const name = `${pick(NAMES)} ${n}`;
    const messageId = `<burst-${n}@customers.example>`;
    const raw = [
      `From: ${name} <customer${n}@example.test>`,
      "To: support@shop.example",
      `Subject: ${fill(v.subject)}`,
      `Message-ID: ${messageId}`,
      `Date: ${new Date(start + n * 40_000).toUTCString()}`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      fill(v.body),
      "",
    ].join("\r\n");
    return { messageId, group, raw };
  });
}

/** Pairwise precision and recall of a grouping against the burst's truth. */
export function scoreIncidents(
  emails: BurstEmail[],
  predicted: Map<string, string | null>,
): { precision: number; recall: number; tp: number; fp: number; fn: number } {
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < emails.length; i++) {
    for (let j = i + 1; j < emails.length; j++) {
      const a = emails[i], b = emails[j];
      const truth = a.group !== null && a.group === b.group;
      const pa = predicted.get(a.messageId) ?? null, pb = predicted.get(b.messageId) ?? null;
      const guess = pa !== null && pa === pb;
      if (truth && guess) tp++;
      else if (guess) fp++;
      else if (truth) fn++;
    }
  }
  return {
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    tp,
    fp,
    fn,
  };
}
