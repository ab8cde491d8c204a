import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../app-env";
import { HttpError } from "../../http/http-error";

/** Novu's limit on trigger bodies: 512 KB, everything but attachments. */
export const maxTriggerBytes = 524_288;

const encoder = new TextEncoder();

/**
 * Refuses trigger bodies over the limit with Novu's exact 413 message. The body is read once here and cached by
 * Hono, so the validator that follows parses the same text without reading the stream again.
 */
export const payloadLimit = createMiddleware<AppEnv>(async (c, next) => {
  const declared = Number(c.req.header("content-length") ?? 0);
  const size = declared > maxTriggerBytes ? declared : encoder.encode(await c.req.text()).byteLength;
  if (size > maxTriggerBytes) {
    throw new HttpError(
      413,
      `Payload size (${size} bytes) exceeds maximum allowed size of ${maxTriggerBytes} bytes (512KB). Note: Attachments are excluded from this limit.`,
    );
  }
  await next();
});
