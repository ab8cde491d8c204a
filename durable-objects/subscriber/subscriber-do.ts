import { DurableObject } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/durable-sqlite";
import { migrate } from "drizzle-orm/durable-sqlite/migrator";
import type { RunResult, WorkflowRun } from "../../src/engine/run.types";
import { toInboxNotification, toSocketMessage } from "./inbox.mapper";
import { notifications, runs } from "./inbox.schema";
import {
  claimTransaction,
  countNotifications,
  deleteByTransaction,
  deleteMatching,
  deleteNotification,
  findNotification,
  type InboxDb,
  insertNotification,
  listByTransactions,
  listNotifications,
  nextSnoozeEnd,
  type Page,
  releaseTransaction,
  unreadBySeverity,
  updateMatching,
  updateNotification,
  wakeSnoozed,
} from "./inbox.store";
import type { InboxCounts, InboxFilter, InboxNotification, InboxOwner, UnreadCount } from "./inbox.types";
import { type BulkAction, bulkPlan, type NotificationAction, patchFor } from "./inbox-actions";
import { inboxMigrations } from "./migrations";
import { runWorkflow } from "./run-workflow";
import { frame } from "./socket-frames";

const ownerKey = "owner";

/**
 * One object per (environment, subscriber): the subscriber's inbox, its live sockets and its runs. Everything that
 * touches one subscriber is serialised here, so counts and state changes never race.
 */
export class SubscriberDO extends DurableObject<Env> {
  private readonly db: InboxDb;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.db = drizzle(ctx.storage, { schema: { notifications, runs } });
    // @novu/js sends "ping" every 25 s; answering from the runtime keeps hibernating sockets asleep.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    ctx.blockConcurrencyWhile(() => migrate(this.db, inboxMigrations));
  }

  async run(run: WorkflowRun): Promise<RunResult> {
    this.setOwner({
      id: run.subscriber._id,
      subscriberId: run.subscriber.subscriberId,
      firstName: run.subscriber.firstName ?? undefined,
      lastName: run.subscriber.lastName ?? undefined,
      avatar: run.subscriber.avatar ?? undefined,
    });
    if (!claimTransaction(this.db, run.transactionId, run.workflow.workflowId, Date.now())) {
      return { transactionId: run.transactionId, duplicate: true, steps: [] };
    }
    const owner = this.owner();
    const received: InboxNotification[] = [];
    try {
      return await runWorkflow(run, {
        deliverInApp: (message) => {
          const row = insertNotification(this.db, message, Date.now());
          if (row) received.push(toInboxNotification(row, owner));
        },
        enqueueDelivery: async (job) => {
          await this.env.DELIVERIES.send(job);
        },
      });
    } catch (error) {
      // The trigger fails and its caller retries: the transaction must not look already handled.
      releaseTransaction(this.db, run.transactionId);
      throw error;
    } finally {
      if (received.length > 0) this.notify(received);
    }
  }

  /** Called when the Inbox opens a session: remembers who this inbox belongs to and returns its unread count. */
  openSession(owner: InboxOwner): UnreadCount {
    this.setOwner(owner);
    return this.unreadCount();
  }

  list(filter: InboxFilter, page: Page): { data: InboxNotification[]; hasMore: boolean } {
    const { rows, hasMore } = listNotifications(this.db, filter, page);
    const owner = this.owner();
    return { data: rows.map((row) => toInboxNotification(row, owner)), hasMore };
  }

  count(filters: InboxFilter[]): number[] {
    return filters.map((filter) => countNotifications(this.db, filter));
  }

  /** Applies one action; undefined when this subscriber has no such notification. */
  act(id: string, action: NotificationAction): InboxNotification | undefined {
    const row = findNotification(this.db, id);
    if (!row) return undefined;
    const now = Date.now();
    const updated = updateNotification(this.db, id, patchFor(action, row, now), now);
    if (!updated) return undefined;
    if (action.kind === "snooze") this.scheduleSnoozeWake();
    this.pushCounts();
    return toInboxNotification(updated, this.owner());
  }

  actOnMany(action: BulkAction, scope: { filter?: InboxFilter; ids?: string[] }): number {
    const now = Date.now();
    const plan = bulkPlan(action, now);
    const changed = updateMatching(this.db, { ...scope.filter, ...plan.filter }, plan.patch, now, scope.ids);
    if (changed > 0) this.pushCounts();
    return changed;
  }

  /** The server API's view of this inbox (`GET /v1/messages?channel=in_app&subscriberId=`): Novu's message shape. */
  adminList(filter: { transactionIds?: string[] }, page: { limit: number; offset: number }) {
    const owner = this.owner();
    const { rows, hasMore, totalCount } = listByTransactions(this.db, filter.transactionIds, page);
    return { data: rows.map((row) => toSocketMessage(toInboxNotification(row, owner))), hasMore, totalCount };
  }

  /** Deletes the in-app messages of one trigger (`DELETE /v1/messages/transaction/{transactionId}`). */
  removeTransaction(transactionId: string): number {
    const removed = deleteByTransaction(this.db, transactionId);
    if (removed > 0) this.pushCounts();
    return removed;
  }

  removeMatching(filter: InboxFilter): number {
    const removed = deleteMatching(this.db, filter);
    if (removed > 0) this.pushCounts();
    return removed;
  }

  remove(id: string): boolean {
    const removed = deleteNotification(this.db, id);
    if (removed) this.pushCounts();
    return removed;
  }

  /** Deletes the whole inbox (the subscriber was deleted) and closes its sockets. */
  async purge(): Promise<void> {
    for (const socket of this.ctx.getWebSockets()) socket.close(1000, "subscriber deleted");
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Expected a websocket upgrade", { status: 426 });
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  override webSocketClose(socket: WebSocket, code: number, reason: string): void {
    socket.close(code, reason);
  }

  override async alarm(): Promise<void> {
    const woken = wakeSnoozed(this.db, Date.now());
    if (woken.length > 0) {
      const owner = this.owner();
      this.notify(woken.map((row) => toInboxNotification(row, owner)));
    }
    this.scheduleSnoozeWake();
  }

  private scheduleSnoozeWake(): void {
    const next = nextSnoozeEnd(this.db);
    if (next === undefined) void this.ctx.storage.deleteAlarm();
    else void this.ctx.storage.setAlarm(next);
  }

  private currentCounts(): InboxCounts {
    const [unreadCount = 0, unseenCount = 0] = this.count([
      { read: false, archived: false, snoozed: false },
      { seen: false, archived: false, snoozed: false },
    ]);
    return { unreadCount, unseenCount };
  }

  private notify(received: InboxNotification[]): void {
    const sockets = this.ctx.getWebSockets();
    if (sockets.length === 0) return;
    for (const notification of received) {
      this.broadcast(
        frame({ event: "notification_received", data: { message: toSocketMessage(notification) } }),
      );
    }
    this.pushCounts();
  }

  private unreadCount(total = this.currentCounts().unreadCount): UnreadCount {
    return { total, severity: unreadBySeverity(this.db) };
  }

  private pushCounts(): void {
    if (this.ctx.getWebSockets().length === 0) return;
    const { unreadCount, unseenCount } = this.currentCounts();
    const counts = this.unreadCount(unreadCount);
    this.broadcast(frame({ event: "unseen_count_changed", data: { unseenCount } }));
    this.broadcast(frame({ event: "unread_count_changed", data: { unreadCount: counts.total, counts } }));
  }

  private broadcast(text: string): void {
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(text);
      } catch {
        // A socket that closed mid-broadcast is cleaned up by webSocketClose; the others still get the frame.
      }
    }
  }

  private owner(): InboxOwner {
    return this.ctx.storage.kv.get<InboxOwner>(ownerKey) ?? { id: "", subscriberId: "" };
  }

  private setOwner(owner: InboxOwner): void {
    this.ctx.storage.kv.put(ownerKey, owner);
  }
}
