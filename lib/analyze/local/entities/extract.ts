import type { Entities } from "../../../schema/complaint.ts";
import { extractAmounts } from "./amounts.ts";
import { extractDates } from "./dates.ts";
import { extractOrderNumbers } from "./order_numbers.ts";
import { extractPhones } from "./phones.ts";
import { extractProducts } from "./products.ts";

/**
 * Every entity in `text`: order numbers, amounts, calendar dates (a date without a year takes
 * the year of `receivedAt`), products and phone numbers.
 */
export function extractEntities(text: string, receivedAt?: string): Entities {
  return {
    orderNumbers: extractOrderNumbers(text),
    amounts: extractAmounts(text),
    dates: extractDates(text, receivedAt),
    products: extractProducts(text),
    phones: extractPhones(text),
  };
}
