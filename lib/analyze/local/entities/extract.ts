import type { Entities } from "../../../schema/complaint.ts";
import { extractAmounts } from "./amounts.ts";
import { extractDates } from "./dates.ts";
import { extractOrderNumbers } from "./order_numbers.ts";
import { extractPhones } from "./phones.ts";
import { extractProducts } from "./products.ts";
import { digitRunStarts } from "./scan.ts";

/**
 * Every entity in `text`: order numbers, amounts, calendar dates (a date without a year takes
 * the year of `receivedAt`), products and phone numbers.
 */
export function extractEntities(text: string, receivedAt?: string): Entities {
  // One scan for digits serves every extractor of numbers.
  const digits = digitRunStarts(text);
  return {
    orderNumbers: extractOrderNumbers(text, digits),
    amounts: extractAmounts(text, digits),
    dates: extractDates(text, receivedAt, digits),
    products: extractProducts(text),
    phones: extractPhones(text),
  };
}
