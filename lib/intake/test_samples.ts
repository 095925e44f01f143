import type { ManualSubmission } from "../pipeline/manual.ts";

/**
 * A ready-made complaint the /test page can fill in: the fields of a manual submission plus the
 * button label. Declared here (not in the island) so product data never imports the edge; the
 * island imports this type.
 */
export interface Sample extends Pick<ManualSubmission, "customer_email" | "subject" | "content"> {
  label: string;
}

/** Sample complaints for the /test page: one per common case, in the languages we serve. */
export const TEST_SAMPLES: Sample[] = [
  {
    label: "Late delivery (EN)",
    customer_email: "maria.jensen@example.com",
    subject: "Order ZE-2026-031842 still not delivered",
    content: [
      "Hello,",
      "",
      "I ordered a standing desk on 3 March (order ZE-2026-031842, paid 459.00 EUR) and the",
      "delivery was promised for 10 March. It is now two weeks later, the tracking page has not",
      "changed since it left the warehouse and nobody answers the phone.",
      "",
      "Please tell me where my parcel is or refund the order.",
      "",
      "Maria Jensen",
    ].join("\n"),
  },
  {
    label: "Dangerous product (RU)",
    customer_email: "ivan.petrov@example.ru",
    subject: "Чайник заискрил и расплавился",
    content: [
      "Здравствуйте!",
      "",
      "Вчера купленный у вас электрический чайник (заказ 58213) при первом включении заискрил,",
      "из-под основания пошёл дым и пластик расплавился. Ребёнок был рядом — это опасно!",
      "Требую вернуть деньги (3 490 руб.) и проверить всю партию.",
      "",
      "Иван Петров, +7 912 345-67-89",
    ].join("\n"),
  },
  {
    label: "Double charge (EN)",
    customer_email: "tom.baker@example.org",
    subject: "Charged twice for one order",
    content: [
      "Hi,",
      "",
      "My card was charged twice for order #77120: two payments of $129.99 on 14 March.",
      "I only placed one order. Please refund the duplicate payment as soon as possible.",
      "",
      "Thanks, Tom",
    ].join("\n"),
  },
];
