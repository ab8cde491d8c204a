import { createMiddleware } from "hono/factory";
import type { Claim, StoredResponse } from "../../durable-objects/idempotency";
import type { AppEnv } from "../app-env";
import { HttpError } from "../http/http-error";
import { sha256Hex } from "../lib/crypto";
import { byteLength } from "./payload-limit";

export const maxKeyLength = 255;
/** A Durable Object's SQLite row holds at most 2 MB; bigger answers are not kept, and a retry runs again. */
const maxStoredBody = 1_000_000;
const nullBodyStatuses = new Set([101, 204, 205, 304]);

/**
 * Novu's `Idempotency-Key` on POST and PATCH of the server API: the first request with a key runs, and for 24 h the
 * same key answers with that response again (`Idempotency-Replay: true`), 409 while it is still running, 422 for a
 * different request. Answers of 5xx are not kept, so a retry after a server failure runs again.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header("idempotency-key");
  const tenant = c.get("tenant");
  if (key === undefined || !tenant || (c.req.method !== "POST" && c.req.method !== "PATCH")) return next();
  if (key.length > maxKeyLength) {
    throw HttpError.badRequest(
      `idempotencyKey "${key}" has exceeded the maximum allowed length of ${maxKeyLength} characters`,
    );
  }
  const { pathname, search } = new URL(c.req.url);
  const fingerprint = await sha256Hex(`${c.req.method} ${pathname}${search}\n${await c.req.text()}`);
  const keys = c.env.IDEMPOTENCY.getByName(tenant.id);
  const claim: Claim = await keys.claim(key, fingerprint);
  if (claim.kind === "conflict") {
    throw new HttpError(
      409,
      `Request with key "${key}" is currently being processed. Please retry after 1 second`,
      { headers: { "Retry-After": "1", Link: "https://docs.novu.co/additional-resources/idempotency" } },
    );
  }
  if (claim.kind === "mismatch") {
    throw new HttpError(422, `Request with key "${key}" is being reused for a different body`);
  }
  if (claim.kind === "replay") return replay(claim.response, key);

  let stored: StoredResponse | null = null;
  try {
    await next();
    stored = await storable(c.res);
  } finally {
    await keys.complete(key, fingerprint, stored);
  }
  c.res.headers.set("Idempotency-Key", key);
});

async function storable(res: Response): Promise<StoredResponse | null> {
  if (res.status >= 500) return null;
  const body = await res.clone().text();
  if (byteLength(body) > maxStoredBody) return null;
  return { status: res.status, body, contentType: res.headers.get("content-type") };
}

function replay(stored: StoredResponse, key: string): Response {
  const headers = new Headers({ "Idempotency-Key": key, "Idempotency-Replay": "true" });
  if (stored.contentType) headers.set("content-type", stored.contentType);
  return new Response(nullBodyStatuses.has(stored.status) ? null : stored.body, {
    status: stored.status,
    headers,
  });
}
