import { z } from "@hono/zod-openapi";
import { contextPayload } from "../contexts/context.schemas";
import { cursorList } from "../http/pagination";
import { channelTypes } from "../workflows/workflow.types";
import { channelListQuery, resourceIdentifier } from "./channel.shared";

const id = z.string().trim().min(1).max(1024);

/** The `endpoint` payload of each endpoint `type`. */
export const endpointShapes = {
  slack_channel: z.object({ channelId: id }).openapi("SlackChannelEndpointDto"),
  slack_user: z.object({ userId: id }).openapi("SlackUserEndpointDto"),
  webhook: z
    .object({ url: z.url({ protocol: /^https?$/ }).max(2048), channel: z.string().max(1024).optional() })
    .openapi("WebhookEndpointDto"),
  phone: z
    .object({
      phoneNumber: z
        .string()
        .regex(/^\+[1-9]\d{1,14}$/, "phoneNumber must be in E.164 format, e.g. +15551234567"),
    })
    .openapi("PhoneEndpointDto"),
  ms_teams_channel: z.object({ teamId: id, channelId: id }).openapi("MsTeamsChannelEndpointDto"),
  ms_teams_user: z.object({ userId: id }).openapi("MsTeamsUserEndpointDto"),
};
export type EndpointType = keyof typeof endpointShapes;
export const endpointTypes = Object.keys(endpointShapes) as [EndpointType, ...EndpointType[]];
export type EndpointShape = z.infer<(typeof endpointShapes)[EndpointType]>;

const base = {
  identifier: resourceIdentifier.optional(),
  subscriberId: z.string().min(1).max(255),
  createSubscriberIfMissing: z.boolean().optional(),
  context: contextPayload.optional(),
  integrationIdentifier: z.string().min(1).max(255),
  connectionIdentifier: z.string().min(1).max(255).optional(),
};
const variant = <T extends EndpointType>(type: T, name: string) =>
  z.object({ ...base, type: z.literal(type), endpoint: endpointShapes[type] }).openapi(name);

export const createEndpointBody = z.discriminatedUnion("type", [
  variant("slack_channel", "CreateSlackChannelEndpointDto"),
  variant("slack_user", "CreateSlackUserEndpointDto"),
  variant("webhook", "CreateWebhookEndpointDto"),
  variant("phone", "CreatePhoneEndpointDto"),
  variant("ms_teams_channel", "CreateMsTeamsChannelEndpointDto"),
  variant("ms_teams_user", "CreateMsTeamsUserEndpointDto"),
]);
export type CreateEndpointInput = z.infer<typeof createEndpointBody>;

/** The shape is checked against the endpoint's existing `type` by the service (a PATCH cannot change it). */
export const updateEndpointBody = z
  .object({
    endpoint: z.record(z.string(), z.unknown()).openapi({
      description: "The new endpoint payload; it must have the shape of the endpoint's existing type",
    }),
  })
  .openapi("UpdateChannelEndpointRequestDto");

export const listEndpointsQuery = channelListQuery.extend({ connectionIdentifier: z.string().optional() });
export type ListEndpointsQuery = z.infer<typeof listEndpointsQuery>;

export const endpointResponse = z
  .object({
    identifier: z.string(),
    channel: z.enum(channelTypes),
    providerId: z.string(),
    integrationIdentifier: z.string(),
    connectionIdentifier: z.string().nullable(),
    subscriberId: z.string().nullable(),
    contextKeys: z.array(z.string()),
    type: z.enum(endpointTypes),
    endpoint: z.union(Object.values(endpointShapes)),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("GetChannelEndpointResponseDto");
export type EndpointDto = z.infer<typeof endpointResponse>;

export const endpointList = cursorList(endpointResponse, "ListChannelEndpointsResponseDto");
