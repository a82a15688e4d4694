// Turns a zod error into one message per top-level field, for the admin forms.
import type { z } from "zod";

export type FieldErrors = Partial<Record<string, string>>;

export function getFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return errors;
}
