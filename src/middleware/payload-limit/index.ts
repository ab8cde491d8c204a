import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../app-env";
import { HttpError } from "../../http/http-error";

/** Novu's limit on trigger bodies: 512 KB, everything but attachments. */
export const maxTriggerBytes = 524_288;

const encoder = new TextEncoder();

export function byteLength(text: string): number {
  return encoder.encode(text).byteLength;
}

/** Novu's exact 413 message; bulk triggers name the offending event. */
export function payloadTooLarge(size: number, event?: { index: number; workflow: string }): HttpError {
  const subject = event
    ? `Event at index ${event.index} (workflow: "${event.workflow}") has payload size`
    : "Payload size";
  return new HttpError(
    413,
    `${subject} (${size} bytes) exceeds maximum allowed size of ${maxTriggerBytes} bytes (512KB). Note: Attachments are excluded from this limit.`,
  );
}

/**
 * Refuses trigger and broadcast bodies over the limit. The body is read once here and cached by Hono, so the
 * validator that follows parses the same text without reading the stream again.
 */
export const payloadLimit = createMiddleware<AppEnv>(async (c, next) => {
  const declared = Number(c.req.header("content-length") ?? 0);
  const size = declared > maxTriggerBytes ? declared : byteLength(await c.req.text());
  if (size > maxTriggerBytes) throw payloadTooLarge(size);
  await next();
});
