import { OpenAPIHono } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import type { AppEnv } from "../app-env";
import { type FieldErrors, HttpError } from "./http-error";

/**
 * Every route group is built from this router so that a request failing its zod schema becomes Novu's 422
 * `ValidationErrorDto` (field → messages), whichever part of the request was wrong.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw HttpError.validation(fieldErrors(result.error));
    },
  });
}

export function fieldErrors(error: ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : "body";
    const entry = errors[field] ?? { messages: [] };
    entry.messages.push(issue.message);
    errors[field] = entry;
  }
  return errors;
}
