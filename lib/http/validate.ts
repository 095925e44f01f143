import type { z } from "zod";
import { HttpError } from "./errors.ts";

/** Validate input with a zod schema; a failure is a 422 naming each bad field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  data: unknown,
  where: "query" | "body",
): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => {
    const path = i.path.join(".");
    if (i.code === "unrecognized_keys") return `unknown field(s): ${i.keys.join(", ")}`;
    return path ? `${path}: ${i.message}` : i.message;
  });
  throw new HttpError(422, "invalid_input", `Invalid ${where}: ${problems.join("; ")}`);
}
