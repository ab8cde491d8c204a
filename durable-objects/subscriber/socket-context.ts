import { verifyInboxToken } from "../../src/auth/inbox-token";
import { canonicalKeys, sameContext } from "../../src/contexts/context.mapper";

type SocketContext = { contextKeys: string[] };

/**
 * The context of the Inbox session a socket belongs to, read from the session token @novu/js opens it with
 * (`?token=`). The Worker checked that token before handing the upgrade over; it is read here, not trusted from a
 * header, because the token is the only thing that names the session.
 */
export async function sessionContextOf(env: Env, request: Request): Promise<string[]> {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return (await verifyInboxToken(env, token)).contextKeys;
}

/** Kept with the socket itself, so it survives hibernation. */
export function rememberContext(socket: WebSocket, contextKeys: string[]): void {
  socket.serializeAttachment({ contextKeys: canonicalKeys(contextKeys) } satisfies SocketContext);
}

function contextOf(socket: WebSocket): string[] {
  const attachment = socket.deserializeAttachment() as SocketContext | null;
  return attachment?.contextKeys ?? [];
}

export type SocketGroup = { contextKeys: string[]; sockets: WebSocket[] };

/** The open sockets grouped by session context: each group hears only about its own notifications and counts. */
export function socketsByContext(sockets: WebSocket[]): SocketGroup[] {
  const groups = new Map<string, SocketGroup>();
  for (const socket of sockets) {
    const contextKeys = contextOf(socket);
    const key = contextKeys.join(",");
    const group = groups.get(key) ?? { contextKeys, sockets: [] };
    group.sockets.push(socket);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Whether stored keys (sorted, unique) name exactly the group's context. */
export const inContext = (keys: string[], group: SocketGroup) => sameContext(keys, group.contextKeys);
