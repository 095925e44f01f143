import type { Category } from "../../schema/complaint.ts";

// The first matching rule names the subcategory; rules are ordered from specific to general.
const RULES: Record<Category, [RegExp, string][]> = {
  returns: [
    [/cancel|отмен|болдырма/iu, "cancellation_refund"],
    [/deduct|difference|partial|удерж|разниц|не полност/iu, "refund_amount"],
    [/refund|money back|возврат (денег|средств)|вернуть деньги|не вернули|ақша/iu, "refund_delay"],
    [/.*/u, "return_request"],
  ],
  delivery: [
    [/wrong|не тот|не того|не та |другой цвет|перепута/iu, "wrong_item"],
    [/damag|crush|dent|broken|помят|поврежд|сломан/iu, "damaged_in_transit"],
    [/injur|травм|перелом|грузчик|movers/iu, "delivery_incident"],
    [/reschedul|slot|перенест|move it|другое время/iu, "reschedule"],
    [/.*/u, "late_or_missing"],
  ],
  quality: [
    [
      /smoke|spark|fire|burn|swell|swoll|melt|дым|искр|оплав|вздул|горел|ожог|түтін/iu,
      "safety_hazard",
    ],
    [/refus|отказ/iu, "warranty_dispute"],
    [/warrant|repair|гарант|ремонт|кепілдік|жөнде/iu, "warranty_repair"],
    [/.*/u, "defect"],
  ],
  technical: [
    [
      /log ?in|sign in|password|locked|account|аккаунт|войти|пароль|кабинет|кіре/iu,
      "account_access",
    ],
    [/checkout|payment page|3-?d secure|promo|промокод|корзин|оплат/iu, "checkout"],
    [/crash|вылет|закрывается|app|приложени|қосымша/iu, "mobile_app"],
    [/.*/u, "website"],
  ],
  billing: [
    [/unauthori|fraud|без моего|мошенн/iu, "unauthorised_charge"],
    [/twice|double|дважды|двойн|повторно списа/iu, "double_charge"],
    [/insurance|страховк/iu, "insurance"],
    [/instal|рассрочк|бөліп/iu, "instalment"],
    [/.*/u, "charge_dispute"],
  ],
  other: [
    [/out of (the )?office|automatic reply|автоответ|в отпуске/iu, "auto_reply"],
    [/unsubscribe|отписаться|newsletter|дайджест/iu, "newsletter"],
    [/personal data|персональн|delete my|gdpr/iu, "data_request"],
    [/thank|благодар|спасибо|рахмет|compliment/iu, "feedback"],
    [/rude|груб|хам/iu, "staff_behaviour"],
    [/.*/u, "enquiry"],
  ],
};

/** A finer label inside the category, from the customer's wording. */
export function subcategoryFor(category: Category, text: string): string {
  return RULES[category].find(([re]) => re.test(text))?.[1] ?? "";
}
