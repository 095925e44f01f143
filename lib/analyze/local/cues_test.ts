import assert from "node:assert/strict";
import {
  countElapsed,
  countOrdinalContacts,
  countShouted,
  isFirstPerson,
  isReplyChain,
} from "./cues.ts";

Deno.test("ordinal contacts are counted in three languages, other ordinals are not", () => {
  assert.equal(countOrdinalContacts("This is the fourth time I am writing."), 1);
  assert.equal(countOrdinalContacts("3rd email - tracking stuck"), 1);
  assert.equal(countOrdinalContacts("Пишу вам в третий раз."), 1);
  assert.equal(countOrdinalContacts("Үшінші рет жазып отырмын."), 1);
  assert.equal(countOrdinalContacts("I live on the third floor, 5th entrance."), 0);
  assert.equal(countOrdinalContacts("Это в пять раз дороже."), 0);
});

Deno.test("two or more reply prefixes make a reply chain, one does not", () => {
  assert.ok(isReplyChain("RE: RE: RE: Return label for order 3390021"));
  assert.ok(isReplyChain("Ответ: Re: заказ"));
  assert.ok(!isReplyChain("Re: Return label"));
  assert.ok(!isReplyChain("Return label: re: order"));
});

Deno.test("time already waited is counted, the age of a product is not", () => {
  assert.equal(countElapsed("I have been waiting for two weeks."), 1);
  assert.equal(countElapsed("Жду уже больше месяца!!!"), 1);
  assert.equal(countElapsed("Бір айға жуық уақыт өтті!"), 1);
  assert.equal(countElapsed("I have used it for 3 months and it broke."), 0);
  assert.equal(countElapsed("Купил 3 недели назад."), 0);
});

Deno.test("words in capitals are shouting unless they are acronyms or the whole text", () => {
  assert.equal(countShouted("The TV arrived SMASHED with a FOOTPRINT on the OLED box."), 2);
  assert.equal(countShouted("Payment via HDMI IMEI OLED ASAP"), 0);
  assert.equal(countShouted("RETAIL PULSE WEEKLY NEWS"), 0);
});

Deno.test("the first person is recognised in English, Russian and Kazakh", () => {
  assert.ok(isFirstPerson("I clicked the unsubscribe link twice."));
  assert.ok(isFirstPerson("Мне приходят эти письма каждый день."));
  assert.ok(isFirstPerson("Маған хабарлама келеді."));
  assert.ok(!isFirstPerson("You are receiving this email because you subscribed."));
});
