import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, dataOf, json, jsonBody, notFound } from "../../http/responses";
import { integrationIdParam } from "../../integrations/integration.schemas";
import {
  autoConfigureResponse,
  chatOAuthBody,
  configureWebhookResponse,
  connectOAuthBody,
  integrationIdentifierParam,
  linkEndpointBody,
  linkEndpointResponse,
  linkUserOAuthBody,
  mobileLinkBody,
  mobileLinkResponse,
  oauthCallbackQuery,
  oauthUrlResponse,
  telegramWebhookParams,
} from "../../integrations/integration-actions.schemas";

const tags = ["Integrations"];
const oauthUrl = json(dataOf(oauthUrlResponse), "The provider's authorize URL; it expires after 5 minutes");
const badGateway = {
  502: json(z.object({ statusCode: z.number(), message: z.unknown() }), "The provider failed"),
};

export const autoConfigure = createRoute({
  method: "post",
  path: "/v1/integrations/{integrationId}/auto-configure",
  tags,
  summary:
    "Register this platform's delivery-events webhook with the provider (SendGrid, Postmark, Resend, Mailgun)",
  request: { params: integrationIdParam },
  responses: { 200: json(dataOf(autoConfigureResponse), "The outcome"), ...commonErrors, ...notFound },
});

export const configureWebhook = createRoute({
  method: "post",
  path: "/v1/integrations/{integrationIdentifier}/webhook/configure",
  tags,
  summary: "Register this platform's webhook URL with a Telegram bot",
  request: { params: integrationIdentifierParam },
  responses: {
    200: json(dataOf(configureWebhookResponse), "The registered webhook"),
    ...commonErrors,
    ...notFound,
    ...badGateway,
  },
});

export const mobileLink = createRoute({
  method: "post",
  path: "/v1/integrations/{integrationIdentifier}/mobile-link",
  tags,
  summary: "Issue a mobile setup link (Telegram integrations linked to an agent only)",
  request: { params: integrationIdentifierParam, body: jsonBody(mobileLinkBody) },
  responses: { 200: json(dataOf(mobileLinkResponse), "The link"), ...commonErrors, ...notFound },
});

export const chatOAuth = createRoute({
  method: "post",
  path: "/v1/integrations/chat/oauth",
  tags,
  summary: "Generate a chat OAuth URL (Slack): a workspace connection, or link_user mode",
  request: { body: jsonBody(chatOAuthBody) },
  responses: { 201: oauthUrl, ...commonErrors, ...notFound },
});

export const connectOAuth = createRoute({
  method: "post",
  path: "/v1/integrations/channel-connections/oauth",
  tags,
  summary: "Generate an OAuth URL that creates a workspace channel connection (Slack)",
  request: { body: jsonBody(connectOAuthBody) },
  responses: { 201: oauthUrl, ...commonErrors, ...notFound },
});

export const linkUserOAuth = createRoute({
  method: "post",
  path: "/v1/integrations/channel-endpoints/oauth",
  tags,
  summary: "Generate an OAuth URL that links a subscriber to their Slack user",
  request: { body: jsonBody(linkUserOAuthBody) },
  responses: { 201: oauthUrl, ...commonErrors, ...notFound },
});

export const linkEndpoint = createRoute({
  method: "post",
  path: "/v1/integrations/channel-endpoints/link",
  tags,
  summary: "Issue the URL a subscriber opens to link their chat identity (Slack)",
  request: { body: jsonBody(linkEndpointBody) },
  responses: { 200: json(dataOf(linkEndpointResponse), "The link"), ...commonErrors, ...notFound },
});

export const oauthCallback = createRoute({
  method: "get",
  path: "/v1/integrations/chat/oauth/callback",
  tags,
  summary: "Where the chat provider redirects after authorization (no API key: the state is signed)",
  security: [],
  request: { query: oauthCallbackQuery },
  responses: {
    200: { content: { "text/html": { schema: z.string() } }, description: "Closes the window" },
    ...commonErrors,
    ...notFound,
    ...badGateway,
  },
});

export const telegramWebhook = createRoute({
  method: "post",
  path: "/v1/integrations/webhook/{environmentId}/{integrationIdentifier}",
  tags,
  summary: "Updates a Telegram bot posts (no API key: Telegram's secret token header)",
  security: [],
  request: {
    params: telegramWebhookParams,
    body: jsonBody(z.record(z.string(), z.unknown())),
  },
  responses: { 200: json(z.object({}), "Acknowledged"), ...commonErrors, ...notFound },
});
