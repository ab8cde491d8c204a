import type { AgentIntegrationRow, AgentRow, IntegrationRow } from "../db/schema";
import { toIso } from "../lib/time";
import type { AgentDto, AgentIntegrationDto } from "./agent.schemas";

export type LinkedIntegration = Pick<
  IntegrationRow,
  "id" | "identifier" | "name" | "providerId" | "channel" | "active"
>;

export function toAgentDto(row: AgentRow, integrations: LinkedIntegration[]): AgentDto {
  return {
    _id: row.id,
    name: row.name,
    identifier: row.identifier,
    ...(row.description !== null ? { description: row.description } : {}),
    behavior: row.behavior,
    active: row.active,
    ...(row.bridgeUrl !== null ? { bridgeUrl: row.bridgeUrl } : {}),
    ...(row.devBridgeUrl !== null ? { devBridgeUrl: row.devBridgeUrl } : {}),
    devBridgeActive: row.devBridgeActive,
    runtime: "self-hosted",
    visibility: "public",
    _environmentId: row.environmentId,
    _organizationId: row.organizationId,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    integrations: integrations.map((integration) => ({
      integrationId: integration.id,
      providerId: integration.providerId,
      name: integration.name,
      identifier: integration.identifier,
      channel: integration.channel,
      active: integration.active,
    })),
  };
}

export function toAgentIntegrationDto(
  link: AgentIntegrationRow,
  integration: LinkedIntegration,
): AgentIntegrationDto {
  return {
    _id: link.id,
    _agentId: link.agentId,
    integration: {
      _id: integration.id,
      identifier: integration.identifier,
      name: integration.name,
      providerId: integration.providerId,
      channel: integration.channel,
      active: integration.active,
    },
    _environmentId: link.environmentId,
    _organizationId: link.organizationId,
    // Set by Novu when a link's own webhook first receives mail; here mail reaches agents through domain routes.
    connectedAt: null,
    createdAt: toIso(link.createdAt),
    updatedAt: toIso(link.updatedAt),
  };
}
