import { z } from "@hono/zod-openapi";
import { contextPayload } from "../contexts/context.schemas";
import { integrationResponse } from "./integration.schemas";

const identifier = z.string().trim().min(1).max(255);
const scopes = z.array(z.string().trim().min(1).max(100)).max(50);

/** What every chat OAuth URL request names: the integration, and whom the resulting connection belongs to. */
const oauthTarget = {
  integrationIdentifier: identifier,
  subscriberId: identifier.optional(),
  connectionIdentifier: identifier.optional(),
  context: contextPayload.optional(),
  /** Accepted for wire compatibility; HMAC-verified contexts are not enforced per integration here. */
  contextHash: z.string().max(512).optional(),
};

export const connectionMode = z.enum(["subscriber", "shared"]);

export const chatOAuthBody = z
  .object({
    ...oauthTarget,
    scope: scopes.optional(),
    userScope: scopes.optional(),
    mode: z.enum(["connect", "link_user"]).optional(),
    connectionMode: connectionMode.optional(),
    autoLinkUser: z.boolean().optional(),
  })
  .openapi("GenerateChatOauthUrlRequestDto");
export type ChatOAuthInput = z.infer<typeof chatOAuthBody>;

export const connectOAuthBody = z
  .object({
    ...oauthTarget,
    scope: scopes.optional(),
    connectionMode: connectionMode.optional(),
    autoLinkUser: z.boolean().optional(),
  })
  .openapi("GenerateConnectOauthUrlRequestDto");

export const linkUserOAuthBody = z
  .object({ ...oauthTarget, subscriberId: identifier, userScope: scopes.optional() })
  .openapi("GenerateLinkUserOauthUrlRequestDto");

export const linkEndpointBody = z
  .object({
    integrationIdentifier: identifier,
    subscriberId: identifier,
    context: contextPayload.optional(),
    contextHash: z.string().max(512).optional(),
  })
  .openapi("LinkChannelEndpointRequestDto");

export const oauthUrlResponse = z.object({ url: z.string() }).openapi("GenerateChatOAuthUrlResponseDto");

export const linkEndpointResponse = z
  .object({ url: z.string(), providerMetadata: z.record(z.string(), z.unknown()).optional() })
  .openapi("LinkChannelEndpointResponseDto");

/** The provider's redirect back: `code` + `state` on success, `error` when the user declined. */
export const oauthCallbackQuery = z.object({
  state: z.string().min(1).max(8192).optional(),
  code: z.string().min(1).max(2048).optional(),
  error: z.string().max(500).optional(),
});

export const autoConfigureResponse = z
  .object({
    success: z.boolean(),
    message: z.string().optional(),
    integration: integrationResponse.optional(),
  })
  .openapi("AutoConfigureIntegrationResponseDto");

export const configureWebhookResponse = z
  .object({ webhookUrl: z.string(), configuredAt: z.string(), botUsername: z.string() })
  .openapi("ConfigureTelegramWebhookResponseDto");

export const integrationIdentifierParam = z.object({
  integrationIdentifier: identifier.openapi({ param: { name: "integrationIdentifier", in: "path" } }),
});

export const mobileLinkBody = z
  .object({ subscriberId: identifier.optional() })
  .openapi("IssueIntegrationMobileLinkRequestDto");

export const mobileLinkResponse = z
  .object({ token: z.string(), url: z.string(), expiresAt: z.string() })
  .openapi("IssueTelegramMobileLinkResponseDto");

export const telegramWebhookParams = z.object({
  environmentId: identifier.openapi({ param: { name: "environmentId", in: "path" } }),
  integrationIdentifier: identifier.openapi({ param: { name: "integrationIdentifier", in: "path" } }),
});
