import { z } from "@hono/zod-openapi";
import { signingKey } from "../bridge/bridge-target";
import { contextPayload } from "../contexts/context.schemas";
import type { Database } from "../db/client";
import { HttpError } from "../http/http-error";
import { hmacSha256Hex, timingSafeEqual } from "../lib/crypto";

/** Novu's chat OAuth URLs expire after 5 minutes; so does the state they carry. */
export const stateLifetimeMs = 5 * 60 * 1000;

const stateData = z.object({
  environmentId: z.string(),
  integrationIdentifier: z.string(),
  providerId: z.string(),
  mode: z.enum(["connect", "link_user"]),
  subscriberId: z.string().optional(),
  connectionIdentifier: z.string().optional(),
  context: contextPayload.optional(),
  shared: z.boolean().optional(),
  autoLinkUser: z.boolean().optional(),
  timestamp: z.number(),
});
export type OAuthState = z.infer<typeof stateData>;

const invalid = () => HttpError.badRequest("Invalid or expired OAuth state parameter");

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

async function environmentSecret(env: Env, db: Database, environmentId: string): Promise<string> {
  const secret = await signingKey(env, db, environmentId);
  if (!secret) throw HttpError.notFound(`Environment ID: ${environmentId} not found`);
  return secret;
}

/**
 * Novu's state format, base64url(`<json>.<hex HMAC-SHA256>`), signed with the environment's secret key: the callback
 * arrives without an API key, and the signature is what lets it trust which environment and subscriber it acts for.
 */
export async function signState(env: Env, db: Database, state: OAuthState): Promise<string> {
  const json = JSON.stringify(state);
  const signature = await hmacSha256Hex(await environmentSecret(env, db, state.environmentId), json);
  return toBase64Url(`${json}.${signature}`);
}

export async function verifyState(env: Env, db: Database, encoded: string): Promise<OAuthState> {
  let json: string;
  let signature: string;
  let claimed: OAuthState;
  try {
    const decoded = fromBase64Url(encoded);
    // The JSON may hold dots (emails, identifiers); the hex signature never does.
    const dot = decoded.lastIndexOf(".");
    json = decoded.slice(0, dot);
    signature = decoded.slice(dot + 1);
    claimed = stateData.parse(JSON.parse(json));
  } catch {
    throw invalid();
  }
  const secret = await signingKey(env, db, claimed.environmentId);
  if (!secret || !timingSafeEqual(await hmacSha256Hex(secret, json), signature)) throw invalid();
  if (Date.now() - claimed.timestamp > stateLifetimeMs) throw invalid();
  return claimed;
}
