import type { ChannelEndpointRow } from "../db/schema";
import { toIso } from "../lib/time";
import type { ChannelType } from "../workflows/workflow.types";
import type { EndpointDto, EndpointShape, EndpointType } from "./endpoint.schemas";

export function toEndpointDto(row: ChannelEndpointRow): EndpointDto {
  return {
    identifier: row.identifier,
    channel: row.channel as ChannelType,
    providerId: row.providerId,
    integrationIdentifier: row.integrationIdentifier,
    connectionIdentifier: row.connectionIdentifier,
    subscriberId: row.subscriberId,
    contextKeys: row.contextKeys,
    type: row.type as EndpointType,
    endpoint: row.endpoint as EndpointShape,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}
