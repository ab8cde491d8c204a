import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Field-level messages in the shape of Novu's `ValidationErrorDto.errors`. */
export type FieldErrors = Record<string, { messages: string[]; value?: unknown }>;

/**
 * The one error type of the API. Thrown anywhere, rendered once by `app.onError` as Novu's error body, so every
 * failure a client sees has the same shape whatever raised it.
 */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly details: {
      errors?: FieldErrors;
      headers?: Record<string, string>;
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.name = "HttpError";
  }

  static badRequest(message: string, errors?: FieldErrors): HttpError {
    return new HttpError(400, message, { errors });
  }

  static unauthorized(message: string): HttpError {
    return new HttpError(401, message);
  }

  static notFound(message: string): HttpError {
    return new HttpError(404, message);
  }

  static conflict(message: string, extra?: Record<string, unknown>): HttpError {
    return new HttpError(409, message, { extra });
  }

  static validation(errors: FieldErrors): HttpError {
    return new HttpError(422, "Validation Error", { errors });
  }
}
