import { z } from "zod";
import type { Category, Priority } from "../schema/complaint.ts";

const labelSchema = z.object({
  file: z.string(),
  category: z.string().transform((s) => s.toLowerCase() as Category),
  priority: z.string().transform((s) => s.toLowerCase() as Priority),
  language: z.string(),
  sentiment: z.string().transform((s) => s.toLowerCase()),
  entities: z.object({
    orderNumbers: z.array(z.string()).default([]),
    amounts: z.array(z.object({ value: z.number(), currency: z.string() })).default([]),
    dates: z.array(z.string()).default([]),
    products: z.array(z.string()).default([]),
  }),
  expect: z.string().default("complaint"),
  attachmentsWithText: z.array(z.string()).default([]),
  notes: z.string().default(""),
});

/** One email's gold labels (category and priority lowercased to match our ids). */
export type Label = z.infer<typeof labelSchema>;

/** Reads and validates a labels.json file. */
export async function loadLabels(url: URL): Promise<Label[]> {
  return z.array(labelSchema).parse(JSON.parse(await Deno.readTextFile(url)));
}
