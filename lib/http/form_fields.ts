import type { z } from "zod";
import { InvalidError } from "../errors.ts";

/** A text field of a posted form, or undefined (absent, or a file). */
export function formText(form: FormData | null, name: string): string | undefined {
  const v = form?.get(name);
  return typeof v === "string" ? v : undefined;
}

/** Validate form fields; a failure is an `InvalidError` naming each bad field in words. */
export function parseFormFields<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => {
    const path = i.path.join(".");
    return path ? `${path}: ${i.message}` : i.message;
  });
  throw new InvalidError(`Please check the form — ${problems.join("; ")}`);
}
