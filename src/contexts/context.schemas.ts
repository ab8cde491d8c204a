import { z } from "@hono/zod-openapi";
import { cursorQuery } from "../http/pagination";

/** Novu's `CONTEXT_IDENTIFIER_REGEX`, for both the type and the id of a context. */
export const contextPart = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-zA-Z0-9_-]+$/, "may only hold letters, digits, '-' and '_'");

/** Novu caps a context's `data` at 64 KB of JSON. */
const maxDataBytes = 64 * 1024;
export const contextData = z
  .record(z.string(), z.unknown())
  .refine((data) => new TextEncoder().encode(JSON.stringify(data)).length <= maxDataBytes, {
    message: `Context data is too large. Maximum size is ${maxDataBytes / 1024}KB`,
  });

/** Path params are not format-checked: a context that cannot exist is simply not found (404), as in Novu. */
export const contextParam = z.object({
  type: z
    .string()
    .min(1)
    .openapi({ param: { name: "type", in: "path" }, description: "Context type" }),
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: "id", in: "path" }, description: "Context ID" }),
});

export const createContextBody = z
  .object({ type: contextPart, id: contextPart, data: contextData.optional() })
  .openapi("CreateContextRequestDto");
export type CreateContextInput = z.infer<typeof createContextBody>;

export const updateContextBody = z.object({ data: contextData }).openapi("UpdateContextRequestDto");

export const listContextsQuery = cursorQuery.extend({
  orderBy: z.enum(["createdAt", "updatedAt"]).default("createdAt"),
  type: z.string().optional(),
  id: z.string().optional(),
  search: z.string().optional(),
});
export type ListContextsQuery = z.infer<typeof listContextsQuery>;

export const contextResponse = z
  .object({
    type: z.string(),
    id: z.string(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("GetContextResponseDto");
export type ContextDto = z.infer<typeof contextResponse>;

/**
 * The `context` of a channel connection or endpoint (and of a trigger): context type → its id, or `{ id, data }`
 * to create it with data when missing. At most 5 per request, as in Novu.
 */
export const contextPayload = z
  .record(contextPart, z.union([contextPart, z.object({ id: contextPart, data: contextData.optional() })]))
  .refine((payload) => Object.keys(payload).length <= 5, { message: "At most 5 contexts are allowed" });
export type ContextPayload = z.infer<typeof contextPayload>;

/**
 * `contextKeys` filters ("type:id", order insensitive, exact set): absent means no filter; an empty value means
 * "records without context"; repeated keys (`contextKeys=a&contextKeys=b`) arrive as an array.
 */
export const contextKeysQuery = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).filter((key) => key !== ""))
  .optional();
