import { jwtVerify, SignJWT } from "jose";
import type { InboxSession } from "../app-env";
import { HttpError } from "../http/http-error";

const audience = "novu-inbox";
const encoder = new TextEncoder();

function signingKey(env: Env): Uint8Array {
  if (!env.NOVU_SIGNING_SECRET) throw new Error("NOVU_SIGNING_SECRET is not configured");
  return encoder.encode(env.NOVU_SIGNING_SECRET);
}

/** An Inbox session token: bound to one environment, one subscriber and the session's context, and short-lived. */
export async function signInboxToken(env: Env, session: InboxSession): Promise<string> {
  return new SignJWT({ env: session.environmentId, org: session.organizationId, ctx: session.contextKeys })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(session.subscriberId)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${Number(env.INBOX_TOKEN_TTL_SECONDS)}s`)
    .sign(signingKey(env));
}

export async function verifyInboxToken(env: Env, token: string): Promise<InboxSession> {
  try {
    const { payload } = await jwtVerify(token, signingKey(env), { audience, algorithms: ["HS256"] });
    const ctx: unknown = payload.ctx ?? [];
    const contextKeys =
      Array.isArray(ctx) && ctx.every((key): key is string => typeof key === "string") ? ctx : undefined;
    if (
      typeof payload.sub !== "string" ||
      typeof payload.env !== "string" ||
      typeof payload.org !== "string" ||
      !contextKeys
    ) {
      throw new Error("incomplete claims");
    }
    return {
      subscriberId: payload.sub,
      environmentId: payload.env,
      organizationId: payload.org,
      contextKeys,
    };
  } catch {
    throw HttpError.unauthorized("Invalid or expired Inbox session token");
  }
}
