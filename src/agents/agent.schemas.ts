import { z } from "@hono/zod-openapi";
import { cursorQuery } from "../http/pagination";

/** Novu's `SLUG_IDENTIFIER_REGEX`: letters and digits, with `-`, `_` or `.` only between them. */
const slug = z
  .string()
  .min(1)
  .max(255)
  .regex(
    /^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/,
    "identifier must be a valid slug format (letters, numbers, hyphens, dot and underscores only)",
  );

const bridgeUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2048);

export const agentBehavior = z
  .object({
    acknowledgeOnReceived: z.boolean().optional(),
    reactionOnResolved: z.string().min(1).max(64).nullable().optional(),
    subscriberAccess: z.enum(["open", "restricted"]).optional(),
  })
  .openapi("AgentBehaviorDto");

export const createAgentBody = z
  .object({
    name: z.string().trim().min(1).max(255),
    identifier: slug,
    description: z.string().max(2048).optional(),
    active: z.boolean().optional(),
    runtime: z.enum(["self-hosted", "managed"]).optional(),
    managedRuntime: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi("CreateAgentRequestDto");
export type CreateAgentInput = z.infer<typeof createAgentBody>;

const bridgeFields = {
  bridgeUrl: bridgeUrl.optional(),
  devBridgeUrl: bridgeUrl.optional(),
  devBridgeActive: z.boolean().optional(),
};

export const updateAgentBody = z
  .object({
    name: z.string().trim().min(1).max(255).optional(),
    description: z.string().max(2048).optional(),
    active: z.boolean().optional(),
    behavior: agentBehavior.optional(),
    ...bridgeFields,
  })
  .openapi("UpdateAgentRequestDto");
export type UpdateAgentInput = z.infer<typeof updateAgentBody>;

export const updateAgentBridgeBody = z.object(bridgeFields).openapi("UpdateAgentBridgeRequestDto");

export const agentParam = z.object({
  identifier: z
    .string()
    .min(1)
    .openapi({ param: { name: "identifier", in: "path" }, description: "The agent's identifier" }),
});

export const deleteAgentQuery = z.object({
  /** Managed runtimes only (the agent's copy at its provider); a self-hosted agent has nothing there. */
  deleteFromProvider: z.string().optional(),
});

const orderedCursorQuery = cursorQuery.extend({
  orderBy: z.enum(["_id", "createdAt", "updatedAt"]).default("_id"),
});

export const listAgentsQuery = orderedCursorQuery.extend({ identifier: z.string().max(255).optional() });
export type ListAgentsQuery = z.infer<typeof listAgentsQuery>;

export const agentIntegrationSummary = z
  .object({
    integrationId: z.string(),
    providerId: z.string(),
    name: z.string(),
    identifier: z.string(),
    channel: z.string(),
    active: z.boolean(),
  })
  .openapi("AgentIntegrationSummaryDto");

export const agentResponse = z
  .object({
    _id: z.string(),
    name: z.string(),
    identifier: z.string(),
    description: z.string().optional(),
    behavior: z.object({
      acknowledgeOnReceived: z.boolean(),
      reactionOnResolved: z.string().nullable(),
      subscriberAccess: z.enum(["open", "restricted"]),
    }),
    active: z.boolean(),
    bridgeUrl: z.string().optional(),
    devBridgeUrl: z.string().optional(),
    devBridgeActive: z.boolean(),
    runtime: z.literal("self-hosted"),
    visibility: z.literal("public"),
    _environmentId: z.string(),
    _organizationId: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    integrations: z.array(agentIntegrationSummary),
  })
  .openapi("AgentResponseDto");
export type AgentDto = z.infer<typeof agentResponse>;

export const agentIntegrationParam = agentParam.extend({
  agentIntegrationId: z
    .string()
    .min(1)
    .openapi({ param: { name: "agentIntegrationId", in: "path" }, description: "The link's id" }),
});

export const addAgentIntegrationBody = z
  .object({
    integrationIdentifier: z.string().trim().min(1).max(255).optional(),
    providerId: z.string().min(1).max(255).optional(),
  })
  .refine((body) => body.integrationIdentifier !== undefined || body.providerId !== undefined, {
    message: "integrationIdentifier is required",
    path: ["integrationIdentifier"],
  })
  .openapi("AddAgentIntegrationRequestDto");
export type AddAgentIntegrationInput = z.infer<typeof addAgentIntegrationBody>;

export const updateAgentIntegrationBody = z
  .object({ integrationIdentifier: z.string().trim().min(1).max(255) })
  .openapi("UpdateAgentIntegrationRequestDto");

export const listAgentIntegrationsQuery = orderedCursorQuery.extend({
  integrationIdentifier: z.string().max(255).optional(),
});
export type ListAgentIntegrationsQuery = z.infer<typeof listAgentIntegrationsQuery>;

export const agentIntegrationResponse = z
  .object({
    _id: z.string(),
    _agentId: z.string(),
    integration: z.object({
      _id: z.string(),
      identifier: z.string(),
      name: z.string(),
      providerId: z.string(),
      channel: z.string(),
      active: z.boolean(),
    }),
    _environmentId: z.string(),
    _organizationId: z.string(),
    connectedAt: z.null(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("AgentIntegrationResponseDto");
export type AgentIntegrationDto = z.infer<typeof agentIntegrationResponse>;
