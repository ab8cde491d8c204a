import { z } from "@hono/zod-openapi";
import { contextPayload } from "../contexts/context.schemas";
import { cursorList } from "../http/pagination";
import { channelTypes } from "../workflows/workflow.types";
import { resourceIdentifier } from "./channel.shared";

const text = z.string().min(1).max(1024);

export const workspace = z
  .object({ id: text, name: z.string().max(1024).optional(), botUserId: text.optional() })
  .openapi("WorkspaceDto");

/** What a connection authenticates with; stored sealed (src/lib/secret-box.ts), returned masked. */
export const connectionAuth = z
  .object({
    accessToken: z.string().min(1).max(8192),
    refreshToken: z.string().min(1).max(8192).optional(),
    expiresAt: z.string().max(100).optional(),
    refreshTokenExpiresAt: z.string().max(100).optional(),
  })
  .openapi("AuthDto");
export type ConnectionAuth = z.infer<typeof connectionAuth>;

export const createConnectionBody = z
  .object({
    identifier: resourceIdentifier.optional(),
    subscriberId: z.string().min(1).max(255).optional(),
    context: contextPayload.optional(),
    integrationIdentifier: z.string().min(1).max(255),
    workspace,
    auth: connectionAuth,
  })
  .openapi("CreateChannelConnectionRequestDto");
export type CreateConnectionInput = z.infer<typeof createConnectionBody>;

export const updateConnectionBody = z
  .object({ workspace, auth: connectionAuth })
  .openapi("UpdateChannelConnectionRequestDto");
export type UpdateConnectionInput = z.infer<typeof updateConnectionBody>;

export const connectionResponse = z
  .object({
    identifier: z.string(),
    channel: z.enum(channelTypes),
    providerId: z.string(),
    integrationIdentifier: z.string(),
    subscriberId: z.string().nullable(),
    contextKeys: z.array(z.string()),
    workspace,
    auth: connectionAuth,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("GetChannelConnectionResponseDto");
export type ConnectionDto = z.infer<typeof connectionResponse>;

export const connectionList = cursorList(connectionResponse, "ListChannelConnectionsResponseDto");
