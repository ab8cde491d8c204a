import { and, eq } from "drizzle-orm";
import type { Tenant } from "../app-env";
import { integrationByIdentifier } from "../channels/channel.shared";
import type { Database } from "../db/client";
import { integrations } from "../db/schema";
import { HttpError } from "../http/http-error";
import { timingSafeEqual } from "../lib/crypto";
import { toHex } from "../lib/ids";
import { open } from "../lib/secret-box";
import { toIntegrationDto } from "./integration.mapper";
import type { IntegrationCredentials } from "./integration.schemas";
import { getIntegration, updateIntegration } from "./integration.service";
import { registerDeliveryWebhook } from "./provider-webhooks";

/**
 * Novu's auto-configure: registers our inbound delivery-events URL with the provider's own webhook API, then records
 * on the integration that its events now arrive. A provider that refuses, or has no such API, is answered as Novu
 * does: 200 with `success: false` and the reason.
 */
export async function autoConfigureIntegration(
  env: Env,
  db: Database,
  tenant: Tenant,
  origin: string,
  integrationId: string,
) {
  const found = await getIntegration(env, db, tenant, integrationId).catch(() => {
    throw HttpError.notFound(`Integration not found, id: ${integrationId}`);
  });
  const webhookUrl = `${origin}/v2/inbound-webhooks/delivery-providers/${tenant.id}/${integrationId}`;
  let configurations: Record<string, unknown>;
  try {
    const registered = await registerDeliveryWebhook(found.row.providerId, found.credentials, webhookUrl);
    if (!registered) {
      return {
        success: false,
        message: `Auto-configuration is not supported for provider: ${found.row.providerId}`,
      };
    }
    configurations = { ...found.row.configurations, ...registered };
  } catch (error) {
    return {
      success: false,
      message: `Auto-configuration failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const [row] = await db
    .update(integrations)
    .set({ configurations, updatedAt: Date.now() })
    .where(and(eq(integrations.environmentId, tenant.id), eq(integrations.id, integrationId)))
    .returning();
  if (!row) throw HttpError.notFound(`Integration not found, id: ${integrationId}`);
  // Novu returns only the integration's metadata here: credentials come back as an empty object.
  return {
    success: true,
    message: "Integration auto-configured successfully",
    integration: toIntegrationDto(row, {}),
  };
}

type TelegramAnswer = { ok: boolean; description?: string; result?: { username?: string } };

async function telegram(credentials: IntegrationCredentials, method: string, body?: unknown) {
  const url = `${credentials.baseUrl ?? "https://api.telegram.org"}/bot${credentials.apiToken}/${method}`;
  try {
    const response = await fetch(url, {
      method: body ? "POST" : "GET",
      headers: body ? { "content-type": "application/json" } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    });
    return (await response.json()) as TelegramAnswer;
  } catch (error) {
    throw new HttpError(
      502,
      `Failed to reach Telegram API (${method}): ${error instanceof Error ? error.message : error}`,
    );
  }
}

async function telegramIntegration(env: Env, db: Database, tenant: Tenant, identifier: string) {
  const row = await integrationByIdentifier(db, tenant, identifier).catch(() => {
    throw HttpError.notFound(`Integration ${identifier} not found`);
  });
  return { row, credentials: await open<IntegrationCredentials>(env, row.credentials) };
}

export const telegramWebhookPath = (environmentId: string, identifier: string) =>
  `/v1/integrations/webhook/${environmentId}/${identifier}`;

/**
 * Telegram's `setWebhook` with our URL for this integration and a fresh secret token, which Telegram echoes in
 * `X-Telegram-Bot-Api-Secret-Token` on every update; the secret is kept (sealed) as the integration's `token`.
 */
export async function configureTelegramWebhook(
  env: Env,
  db: Database,
  tenant: Tenant,
  origin: string,
  identifier: string,
) {
  const { row, credentials } = await telegramIntegration(env, db, tenant, identifier);
  if (row.providerId !== "telegram") throw HttpError.badRequest("Integration is not a Telegram provider");
  if (!credentials.apiToken) {
    throw new HttpError(
      422,
      "Bot Token is missing from integration credentials. Please save the Bot Token first.",
    );
  }
  const webhookUrl = `${origin}${telegramWebhookPath(tenant.id, row.identifier)}`;
  const secretToken = toHex(crypto.getRandomValues(new Uint8Array(32)));
  const registered = await telegram(credentials, "setWebhook", {
    url: webhookUrl,
    secret_token: secretToken,
    allowed_updates: ["message"],
  });
  if (!registered.ok) {
    throw new HttpError(
      502,
      `Telegram rejected the webhook registration: ${registered.description ?? "unknown error"}`,
    );
  }
  await updateIntegration(env, db, tenant, row.id, { credentials: { ...credentials, token: secretToken } });
  const me = await telegram(credentials, "getMe");
  if (!me.ok || !me.result?.username) {
    throw new HttpError(502, `Telegram getMe failed: ${me.description ?? "username not returned"}`);
  }
  return { webhookUrl, configuredAt: new Date().toISOString(), botUsername: me.result.username };
}

/**
 * An update Telegram delivers to the URL registered above: accepted only with the secret token that registration
 * set. Updates are acknowledged; `/start` subscriber linking needs a `telegram_chat` channel endpoint, which the
 * channel endpoints here do not have yet.
 */
export async function acceptTelegramUpdate(
  env: Env,
  db: Database,
  environmentId: string,
  identifier: string,
  secretToken: string | undefined,
): Promise<void> {
  const [row] = await db
    .select()
    .from(integrations)
    .where(and(eq(integrations.environmentId, environmentId), eq(integrations.identifier, identifier)))
    .limit(1);
  if (row?.providerId !== "telegram") throw HttpError.notFound("Not Found");
  const { token } = await open<IntegrationCredentials>(env, row.credentials);
  if (!token) throw HttpError.notFound("Not Found");
  if (!secretToken || !timingSafeEqual(secretToken, token)) throw HttpError.unauthorized("Unauthorized");
}

/**
 * Novu issues mobile setup links only for Telegram integrations linked to an agent (its dashboard's agent setup
 * page consumes them). Agents do not exist on this platform, so a Telegram integration is never linked to one and
 * gets Novu's answer for that case.
 */
export async function issueMobileLink(
  env: Env,
  db: Database,
  tenant: Tenant,
  identifier: string,
): Promise<never> {
  const { row } = await telegramIntegration(env, db, tenant, identifier);
  if (row.providerId !== "telegram")
    throw HttpError.badRequest("Mobile setup link is only available for Telegram integrations.");
  throw HttpError.notFound("This Telegram integration is not linked to any agent.");
}
