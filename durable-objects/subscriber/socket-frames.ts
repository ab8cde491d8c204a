import type { SocketMessage } from "./inbox.mapper";

/** The JSON frames @novu/js reads from its PartySocket connection: `{ event, data }`. */
export type SocketFrame =
  | { event: "notification_received"; data: { message: SocketMessage } }
  | { event: "unseen_count_changed"; data: { unseenCount: number } }
  | {
      event: "unread_count_changed";
      data: { unreadCount: number; counts: { total: number; severity: Record<string, number> } };
    };

export function frame(value: SocketFrame): string {
  return JSON.stringify({ ...value, timestamp: new Date().toISOString() });
}
