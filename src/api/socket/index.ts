import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../app-env";
import { verifyInboxToken } from "../../auth/inbox-token";
import { HttpError } from "../../http/http-error";
import { inboxOf } from "../../inbox/inbox-stub";

/**
 * @novu/js opens its PartySocket at the socket URL with `?token=<inbox session token>`. Any websocket upgrade is
 * handed to that subscriber's Durable Object, which keeps the socket with the hibernation API.
 */
export const inboxSocket = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") return next();
  const token = c.req.query("token");
  if (!token) throw HttpError.unauthorized("Missing Inbox session token");
  const session = await verifyInboxToken(c.env, token);
  return inboxOf(c.env, session.environmentId, session.subscriberId).fetch(c.req.raw);
});
