import { z } from "@hono/zod-openapi";

/**
 * Novu wraps success bodies as `{ data: result }`, except lists that already carry `data` and are not entities
 * (`{ data, next, previous, totalCount }`, `{ data, page, hasMore }`): those go out as they are. Routes declare the
 * body exactly as it goes on the wire, so the OpenAPI document and the handler types match what clients receive.
 */
export function dataOf<T extends z.ZodType>(schema: T) {
  return z.object({ data: schema });
}

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description };
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } };
}

export const errorBody = z
  .object({
    statusCode: z.number(),
    timestamp: z.string(),
    path: z.string(),
    message: z.unknown(),
    error: z.string().optional(),
    errors: z
      .record(z.string(), z.object({ messages: z.array(z.string()), value: z.unknown().optional() }))
      .optional(),
  })
  .openapi("ErrorDto");

const error = (description: string) => json(errorBody, description);

/** The failures every authenticated route can answer with. */
export const commonErrors = {
  400: error("Malformed request"),
  401: error("Missing or invalid credentials"),
  422: error("The request failed validation"),
} as const;

export const notFound = { 404: error("No such resource in this environment") } as const;
export const conflict = { 409: error("The resource already exists") } as const;
