import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HttpError } from "./http-error";

const reasons: Partial<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Maps anything thrown by a handler to Novu's error body (`ErrorDto` / `ValidationErrorDto`). */
export function errorResponse(err: unknown, c: Context): Response {
  const error = asHttpError(err);
  const body: Record<string, unknown> = {
    statusCode: error.status,
    timestamp: new Date().toISOString(),
    path: new URL(c.req.url).pathname,
    message: error.message,
    error: reasons[error.status] ?? "Error",
    ...error.details.extra,
  };
  if (error.details.errors) body.errors = error.details.errors;
  if (error.status >= 500) {
    body.errorId = crypto.randomUUID();
    console.error(`errorId=${body.errorId}`, err);
  }
  return c.json(body, error.status, error.details.headers);
}

function asHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof HTTPException) {
    return new HttpError(err.status as ContentfulStatusCode, err.message || reasons[err.status] || "Error");
  }
  return new HttpError(500, "Internal server error");
}
