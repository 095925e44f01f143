import type { Complaint } from "../schema/complaint.ts";

/** What a complaint may lack before anyone can act on it. */
export type Ask = "order" | "photo";

const NEEDS_ORDER = new Set(["delivery", "returns", "quality", "billing"]);
const DAMAGE =
  /damag|broken|crack|defect|scratch|dent|повреж|слом|разбит|трещин|брак|сынған|зақым|ақау/i;

/**
 * What to ask the customer for: the order number when an order matters and none was given, a
 * photo when an item is damaged or defective and no image came with the mail.
 */
export function missingInfo(c: Complaint): Ask[] {
  const asks: Ask[] = [];
  if (NEEDS_ORDER.has(c.category) && c.entities.orderNumbers.length === 0) asks.push("order");
  const images = c.attachments.some((a) => /^image\//.test(a.detectedType ?? a.contentType));
  const damaged = c.category === "quality" ||
    DAMAGE.test(`${c.subcategory ?? ""} ${c.subject} ${c.description}`);
  if (damaged && (c.category === "quality" || c.category === "delivery") && !images) {
    asks.push("photo");
  }
  return asks;
}

/** The languages drafts are written in without a model; others get English. */
type Lang = "en" | "ru" | "kk";
function lang(language: string): Lang {
  return language === "ru" || language === "kk" ? language : "en";
}

const ASK_TEXT: Record<Lang, Record<Ask, string>> = {
  en: {
    order: "Could you please send us your order number?",
    photo: "Could you please send a photo of the damage?",
  },
  ru: {
    order: "Пришлите, пожалуйста, номер вашего заказа.",
    photo: "Пришлите, пожалуйста, фотографию повреждения.",
  },
  kk: {
    order: "Тапсырыс нөміріңізді жіберіңізші.",
    photo: "Зақымның фотосуретін жіберіңізші.",
  },
};

/** The sentences that ask for what is missing, in the customer's language. */
export function askText(asks: Ask[], language: string): string {
  return asks.map((a) => ASK_TEXT[lang(language)][a]).join(" ");
}

/** "Hello Dana," in the customer's language. */
export function greeting(language: string, name: string): string {
  const who = name.trim();
  return {
    en: who ? `Hello ${who},` : "Hello,",
    ru: who ? `Здравствуйте, ${who}!` : "Здравствуйте!",
    kk: who ? `Сәлеметсіз бе, ${who}!` : "Сәлеметсіз бе!",
  }[lang(language)];
}

/** A plain acknowledgement for when nothing better fits, in the customer's language. */
export function acknowledgement(language: string, ref: string): string {
  return {
    en:
      `Thank you for writing to us. We are looking into your request ${ref} and will get back to you.`,
    ru: `Спасибо за обращение. Мы разбираемся с вашим запросом ${ref} и скоро ответим.`,
    kk:
      `Хабарласқаныңызға рахмет. ${ref} өтінішіңізді қарастырып жатырмыз, жақын арада жауап береміз.`,
  }[lang(language)];
}

/** "Best regards, Bea" in the customer's language. */
export function closing(language: string, agentName: string): string {
  return {
    en: `Best regards,\n${agentName}`,
    ru: `С уважением,\n${agentName}`,
    kk: `Құрметпен,\n${agentName}`,
  }[lang(language)];
}
