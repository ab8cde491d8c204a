import type { Tenant } from "../app-env";
import { assertSubscriber, integrationByIdentifier } from "../channels/channel.shared";
import type { ContextPayload } from "../contexts/context.schemas";
import type { Database } from "../db/client";
import { HttpError } from "../http/http-error";
import { open } from "../lib/secret-box";
import type { IntegrationCredentials } from "./integration.schemas";
import type { ChatOAuthInput } from "./integration-actions.schemas";
import { signState, stateLifetimeMs } from "./oauth-state";

/** Where Slack sends the user back; the token exchange must name the same URL. */
export const callbackPath = "/v1/integrations/chat/oauth/callback";

const defaultBotScopes = ["chat:write", "chat:write.public", "channels:read", "groups:read", "users:read"];
const defaultUserScopes = ["identity.basic"];

export async function slackIntegration(env: Env, db: Database, tenant: Tenant, identifier: string) {
  const row = await integrationByIdentifier(db, tenant, identifier);
  if (row.providerId !== "slack")
    throw HttpError.badRequest(`OAuth not supported for provider: ${row.providerId}`);
  return { row, credentials: await open<IntegrationCredentials>(env, row.credentials) };
}

/**
 * The Slack authorize URL for one of the three flows: a workspace connection (`connect`), or identifying the
 * subscriber's own Slack user (`link_user`). Everything the callback needs travels in the signed state.
 */
export async function chatOAuthUrl(
  env: Env,
  db: Database,
  tenant: Tenant,
  origin: string,
  input: ChatOAuthInput,
): Promise<{ url: string; expiresAt: string }> {
  const mode = input.mode ?? "connect";
  const shared = input.connectionMode === "shared";
  if (input.scope?.includes("incoming-webhook") && !input.subscriberId)
    throw HttpError.badRequest("subscriberId is required for incoming webhook");
  if (mode === "link_user" && !input.subscriberId)
    throw HttpError.badRequest("subscriberId is required to link a user");
  if (shared && !input.context)
    throw HttpError.badRequest("context is required when connectionMode is 'shared'");
  if (!input.subscriberId && !input.context)
    throw HttpError.badRequest("Either subscriberId or context must be provided");

  const { row, credentials } = await slackIntegration(env, db, tenant, input.integrationIdentifier);
  if (!credentials.clientId)
    throw HttpError.notFound("Slack integration missing required OAuth credentials (clientId)");
  if (input.subscriberId) await assertSubscriber(db, tenant, input.subscriberId);

  const timestamp = Date.now();
  const state = await signState(env, db, {
    environmentId: tenant.id,
    integrationIdentifier: row.identifier,
    providerId: row.providerId,
    mode,
    subscriberId: input.subscriberId,
    connectionIdentifier: input.connectionIdentifier,
    context: input.context,
    shared,
    autoLinkUser: input.autoLinkUser,
    timestamp,
  });
  const params = new URLSearchParams({
    state,
    client_id: credentials.clientId,
    redirect_uri: `${origin}${callbackPath}`,
  });
  if (mode === "link_user") params.set("user_scope", (input.userScope ?? defaultUserScopes).join(","));
  else params.set("scope", (input.scope ?? defaultBotScopes).join(","));
  return {
    url: `https://slack.com/oauth/v2/authorize?${params}`,
    expiresAt: new Date(timestamp + stateLifetimeMs).toISOString(),
  };
}

/**
 * The URL a subscriber opens to link their chat identity: for Slack, the "Sign in with Slack" (link_user) URL.
 * Telegram's deep link needs a `telegram_chat` channel endpoint to store the chat it learns, which the channel
 * endpoints here do not have yet, so it is refused like any other provider without a linking flow.
 */
export async function linkChannelEndpointUrl(
  env: Env,
  db: Database,
  tenant: Tenant,
  origin: string,
  input: { integrationIdentifier: string; subscriberId: string; context?: ContextPayload },
) {
  const row = await integrationByIdentifier(db, tenant, input.integrationIdentifier);
  if (row.providerId !== "slack")
    throw HttpError.badRequest(`Linking a chat identity is not supported for provider: ${row.providerId}`);
  const { url, expiresAt } = await chatOAuthUrl(env, db, tenant, origin, { ...input, mode: "link_user" });
  return { url, providerMetadata: { expiresAt } };
}
