import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../app-env";
import { HttpError } from "../../http/http-error";
import { verifyInboxToken } from "../inbox-token";

/** `Authorization: Bearer <inbox session token>`, as @novu/js sends it after `POST /v1/inbox/session`. */
export const inboxSessionAuth = createMiddleware<AppEnv>(async (c, next) => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
  if (!match?.[1]) throw HttpError.unauthorized("Missing Inbox session token: expected 'Bearer <token>'");
  c.set("inbox", await verifyInboxToken(c.env, match[1]));
  await next();
});
