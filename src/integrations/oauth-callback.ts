import { eq } from "drizzle-orm";
import type { Tenant } from "../app-env";
import { createConnection, findConnection, updateConnection } from "../channels/connection.service";
import { createEndpoint } from "../channels/endpoint.service";
import type { ContextPayload } from "../contexts/context.schemas";
import type { Database } from "../db/client";
import { environments, type IntegrationRow } from "../db/schema";
import { HttpError } from "../http/http-error";
import type { IntegrationCredentials } from "./integration.schemas";
import { callbackPath, slackIntegration } from "./integration-oauth";
import { type OAuthState, verifyState } from "./oauth-state";

const slackHost = (credentials: IntegrationCredentials) => credentials.baseUrl ?? "https://slack.com";

type SlackAccess = {
  ok: boolean;
  error?: string;
  access_token?: string;
  team?: { id: string; name?: string };
  authed_user?: { id?: string };
  incoming_webhook?: { url?: string; channel?: string };
};

/** `oauth.v2.access`: https://api.slack.com/methods/oauth.v2.access */
async function exchangeCode(credentials: IntegrationCredentials, code: string, redirectUri: string) {
  if (!credentials.clientId || !credentials.secretKey)
    throw HttpError.notFound("Slack integration missing required OAuth credentials (clientId/clientSecret)");
  let response: Response;
  try {
    response = await fetch(`${slackHost(credentials)}/api/oauth.v2.access`, {
      method: "POST",
      body: new URLSearchParams({
        code,
        redirect_uri: redirectUri,
        client_id: credentials.clientId,
        client_secret: credentials.secretKey,
      }),
    });
  } catch (error) {
    throw new HttpError(502, `Slack OAuth error: ${error instanceof Error ? error.message : String(error)}`);
  }
  const body = (await response
    .json()
    .catch(() => ({ ok: false, error: `HTTP ${response.status}` }))) as SlackAccess;
  if (!response.ok || !body.ok)
    throw HttpError.badRequest(`Slack OAuth error: ${body.error ?? response.status}`);
  return body;
}

async function tenantOf(db: Database, environmentId: string): Promise<Tenant> {
  const [row] = await db.select().from(environments).where(eq(environments.id, environmentId)).limit(1);
  if (!row) throw HttpError.notFound(`Environment not found: ${environmentId}`);
  return row;
}

async function linkSlackUser(
  db: Database,
  tenant: Tenant,
  integration: IntegrationRow,
  state: OAuthState,
  userId: string | undefined,
  connectionIdentifier?: string,
) {
  if (!state.subscriberId || !userId) return;
  await createEndpoint(db, tenant, {
    type: "slack_user",
    endpoint: { userId },
    subscriberId: state.subscriberId,
    integrationIdentifier: integration.identifier,
    connectionIdentifier,
    context: state.context as ContextPayload | undefined,
  });
}

/**
 * The provider's redirect: trusts nothing but the signed state, exchanges the code for a token at the integration's
 * Slack host, and stores what it grants (a workspace connection, the subscriber's Slack user, an incoming webhook).
 */
export async function completeChatOAuth(
  env: Env,
  db: Database,
  origin: string,
  query: { state?: string; code?: string; error?: string },
): Promise<void> {
  if (!query.state) throw HttpError.badRequest("Missing required parameter: state");
  const state = await verifyState(env, db, query.state);
  if (query.error) throw HttpError.badRequest(`Slack OAuth error: ${query.error}`);
  if (!query.code) throw HttpError.badRequest("Missing required parameter: code");
  const tenant = await tenantOf(db, state.environmentId);
  const { row, credentials } = await slackIntegration(env, db, tenant, state.integrationIdentifier);
  const access = await exchangeCode(credentials, query.code, `${origin}${callbackPath}`);

  if (state.mode === "link_user") {
    await linkSlackUser(db, tenant, row, state, access.authed_user?.id, state.connectionIdentifier);
    return;
  }
  if (!access.access_token || !access.team)
    throw HttpError.badRequest("Slack OAuth error: no bot token or team in the response");
  const connection = {
    workspace: { id: access.team.id, name: access.team.name },
    auth: { accessToken: access.access_token },
  };
  // A reinstall into a connection that already exists rotates its token.
  const existing =
    state.connectionIdentifier && (await findConnection(db, tenant, state.connectionIdentifier));
  const { row: stored } = existing
    ? await updateConnection(env, db, tenant, existing.identifier, connection)
    : await createConnection(env, db, tenant, {
        ...connection,
        identifier: state.connectionIdentifier,
        integrationIdentifier: row.identifier,
        subscriberId: state.shared ? undefined : state.subscriberId,
        context: state.context as ContextPayload | undefined,
      });
  if (state.autoLinkUser)
    await linkSlackUser(db, tenant, row, state, access.authed_user?.id, stored.identifier);
  const webhook = access.incoming_webhook;
  if (webhook?.url && state.subscriberId) {
    await createEndpoint(db, tenant, {
      type: "webhook",
      endpoint: { url: webhook.url, ...(webhook.channel ? { channel: webhook.channel } : {}) },
      subscriberId: state.subscriberId,
      integrationIdentifier: row.identifier,
      connectionIdentifier: stored.identifier,
    });
  }
}
