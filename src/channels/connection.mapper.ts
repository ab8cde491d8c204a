import type { ChannelConnectionRow } from "../db/schema";
import { toIso } from "../lib/time";
import type { ChannelType } from "../workflows/workflow.types";
import type { ConnectionAuth, ConnectionDto } from "./connection.schemas";

/** A token shown only by its last four characters (none when it is short), as integration credentials are. */
export const maskToken = (token: string) => `****${token.length > 8 ? token.slice(-4) : ""}`;

export function toConnectionDto(row: ChannelConnectionRow, auth: ConnectionAuth): ConnectionDto {
  return {
    identifier: row.identifier,
    channel: row.channel as ChannelType,
    providerId: row.providerId,
    integrationIdentifier: row.integrationIdentifier,
    subscriberId: row.subscriberId,
    contextKeys: row.contextKeys,
    workspace: row.workspace,
    auth: {
      accessToken: maskToken(auth.accessToken),
      ...(auth.refreshToken ? { refreshToken: maskToken(auth.refreshToken) } : {}),
      ...(auth.expiresAt ? { expiresAt: auth.expiresAt } : {}),
      ...(auth.refreshTokenExpiresAt ? { refreshTokenExpiresAt: auth.refreshTokenExpiresAt } : {}),
    },
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}
