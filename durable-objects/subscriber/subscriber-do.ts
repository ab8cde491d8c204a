import { DurableObject } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/durable-sqlite";
import { sameContext } from "../../src/contexts/context.mapper";
import type { OutboxReport } from "../../src/delivery/delivery.types";
import type { ChannelToggles, SubscriberPreferences } from "../../src/engine/preferences";
import type { RunResult, WorkflowRun } from "../../src/engine/run.types";
import { engagementJobs, unseenOrUnread } from "./engagement-events";
import { toInboxNotification, toSocketMessage } from "./inbox.mapper";
import {
  digestHistory,
  digests,
  type NotificationRow,
  notifications,
  outbox,
  preferences,
  runs,
  throttles,
} from "./inbox.schema";
import {
  countNotifications,
  deleteByTransaction,
  deleteMatching,
  deleteNotification,
  findByTransactionSteps,
  findNotification,
  type InboxDb,
  listByTransactions,
  listNotifications,
  nextSnoozeEnd,
  type Page,
  type TransactionStep,
  unreadBySeverity,
  updateMatching,
  updateNotification,
  wakeSnoozed,
} from "./inbox.store";
import type { InboxCounts, InboxFilter, InboxNotification, InboxOwner, UnreadCount } from "./inbox.types";
import { type BulkAction, bulkPlan, type NotificationAction, patchFor } from "./inbox-actions";
import { migrateInbox } from "./inbox-baseline";
import { nextLeaseEnd, settle } from "./outbox.store";
import { redrive } from "./outbox-redrive";
import { loadPreferences, savePreferences } from "./preferences.store";
import { nextResume } from "./run.store";
import { Runner } from "./runner";
import { inContext, rememberContext, sessionContextOf, socketsByContext } from "./socket-context";
import { frame } from "./socket-frames";

const ownerKey = "owner";

/**
 * One object per (environment, subscriber): the subscriber's inbox, its live sockets and its runs. Everything that
 * touches one subscriber is serialised here, so counts and state changes never race.
 */
export class SubscriberDO extends DurableObject<Env> {
  private readonly db: InboxDb;
  private readonly runner: Runner;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.db = drizzle(ctx.storage, {
      schema: { notifications, runs, digests, digestHistory, throttles, preferences, outbox },
    });
    // @novu/js sends "ping" every 25 s; answering from the runtime keeps hibernating sockets asleep.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    ctx.blockConcurrencyWhile(() => migrateInbox(ctx.storage, this.db));
    this.runner = new Runner(this.db, env, {
      received: (rows) => this.notify(rows),
      scheduleAlarm: () => this.scheduleAlarm(),
      alarmBy: (at) => this.alarmBy(at),
    });
  }

  async run(run: WorkflowRun): Promise<RunResult> {
    this.setOwner({
      id: run.subscriber._id,
      subscriberId: run.subscriber.subscriberId,
      firstName: run.subscriber.firstName ?? undefined,
      lastName: run.subscriber.lastName ?? undefined,
      avatar: run.subscriber.avatar ?? undefined,
    });
    return this.runner.start(run);
  }

  /** The subscriber's own channel choices (global and per workflow). */
  preferences(): SubscriberPreferences {
    return loadPreferences(this.db);
  }

  /** Merges channel switches into the global preferences (`workflowId` null) or one workflow's. */
  updatePreferences(workflowId: string | null, channels: ChannelToggles): SubscriberPreferences {
    savePreferences(this.db, workflowId, channels, Date.now());
    return loadPreferences(this.db);
  }

  /** Cancels this subscriber's pending run of a transaction (a delay or a digest not yet sent). */
  cancel(transactionId: string): Promise<boolean> {
    return this.runner.cancel(transactionId);
  }

  /**
   * The DELIVERIES consumer's word on this subscriber's queued sends, once per consumer batch: ended ones leave the
   * outbox, requeued ones get a new lease.
   */
  async settleDeliveries(report: OutboxReport): Promise<void> {
    settle(this.db, report);
    await this.scheduleAlarm();
  }

  /**
   * Called when the Inbox opens a session: remembers who this inbox belongs to and returns the unread count the
   * session sees, within its context.
   */
  openSession(owner: InboxOwner, contextKeys: string[]): UnreadCount {
    this.setOwner(owner);
    return this.unreadCount(contextKeys);
  }

  list(filter: InboxFilter, page: Page): { data: InboxNotification[]; hasMore: boolean } {
    const { rows, hasMore } = listNotifications(this.db, filter, page);
    const owner = this.owner();
    return { data: rows.map((row) => toInboxNotification(row, owner)), hasMore };
  }

  count(filters: InboxFilter[]): number[] {
    return filters.map((filter) => countNotifications(this.db, filter));
  }

  /**
   * Applies one action; undefined when this subscriber has no such notification, or, for an Inbox session
   * (`contextKeys`), none in the session's context.
   */
  async act(
    id: string,
    action: NotificationAction,
    contextKeys?: string[],
  ): Promise<InboxNotification | undefined> {
    const row = this.notificationIn(id, contextKeys);
    if (!row) return undefined;
    const now = Date.now();
    const updated = updateNotification(this.db, id, patchFor(action, row, now), now);
    if (!updated) return undefined;
    if (action.kind === "snooze") void this.scheduleAlarm();
    this.pushCounts();
    await this.reportEngagement([row], [updated]);
    return toInboxNotification(updated, this.owner());
  }

  async actOnMany(action: BulkAction, scope: { filter?: InboxFilter; ids?: string[] }): Promise<number> {
    const now = Date.now();
    const plan = bulkPlan(action, now);
    const filter = { ...scope.filter, ...plan.filter };
    const before = unseenOrUnread(this.db, filter, scope.ids);
    const changed = updateMatching(this.db, filter, plan.patch, now, scope.ids);
    if (changed.length > 0) this.pushCounts();
    await this.reportEngagement(before, changed);
    return changed.length;
  }

  /**
   * Outbound webhooks hear when in-app messages are first seen or read. The action has happened whatever the queue
   * does, so a failed send is logged rather than failing the subscriber's request.
   */
  private async reportEngagement(before: Parameters<typeof engagementJobs>[2], after: NotificationRow[]) {
    const [environmentId] = (this.ctx.id.name ?? "").split(":");
    if (!environmentId) return;
    const jobs = engagementJobs(environmentId, this.owner().subscriberId, before, after);
    try {
      for (let i = 0; i < jobs.length; i += 10) {
        await this.env.DELIVERIES.sendBatch(jobs.slice(i, i + 10).map((body) => ({ body })));
      }
    } catch (error) {
      console.error("seen/read webhook events could not be queued", error);
    }
  }

  /** The server API's view of this inbox (`GET /v1/messages?channel=in_app&subscriberId=`): Novu's message shape. */
  adminList(filter: { transactionIds?: string[] }, page: { limit: number; offset: number }) {
    const owner = this.owner();
    const { rows, hasMore, totalCount } = listByTransactions(this.db, filter.transactionIds, page);
    return { data: rows.map((row) => toSocketMessage(toInboxNotification(row, owner))), hasMore, totalCount };
  }

  /** The legacy v1 feed (`GET /v1/subscribers/{id}/notifications/feed`), in Novu's message shape. */
  legacyFeed(filter: InboxFilter, page: { limit: number; offset: number }) {
    const owner = this.owner();
    const { rows, hasMore } = listNotifications(this.db, filter, { ...page });
    return {
      data: rows.map((row) => toSocketMessage(toInboxNotification(row, owner))),
      hasMore,
      totalCount: countNotifications(this.db, filter),
    };
  }

  /** Marks the given messages (v1 mark-as); unknown ids are left out of the answer. */
  async markAs(ids: string[], action: NotificationAction) {
    const updated = await Promise.all(ids.map((id) => this.act(id, action)));
    return updated.flatMap((notification) => (notification ? [toSocketMessage(notification)] : []));
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

  /** Deletes one notification; false when there is none (in the session's context, given `contextKeys`). */
  remove(id: string, contextKeys?: string[]): boolean {
    if (contextKeys && !this.notificationIn(id, contextKeys)) return false;
    const removed = deleteNotification(this.db, id);
    if (removed) this.pushCounts();
    return removed;
  }

  /**
   * Deletes the whole inbox (the subscriber was deleted) and closes its sockets. The object lives on, and a
   * subscriber created again under the same id is served by it, so its tables are created afresh.
   */
  async purge(): Promise<void> {
    for (const socket of this.ctx.getWebSockets()) socket.close(1000, "subscriber deleted");
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    await migrateInbox(this.ctx.storage, this.db);
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Expected a websocket upgrade", { status: 426 });
    }
    const contextKeys = await sessionContextOf(this.env, request);
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    rememberContext(server, contextKeys);
    return new Response(null, { status: 101, webSocket: client });
  }

  override webSocketClose(socket: WebSocket, code: number, reason: string): void {
    socket.close(code, reason);
  }

  /**
   * One alarm serves snoozes, runs and the delivery outbox: it wakes what is due, sends again what the queue left
   * unanswered, then re-arms for the earliest of what remains.
   */
  override async alarm(): Promise<void> {
    const now = Date.now();
    const woken = wakeSnoozed(this.db, now);
    if (woken.length > 0) this.notify(woken);
    await this.runner.resumeDue(now);
    await redrive(this.db, this.env, now);
    await this.scheduleAlarm();
  }

  private async scheduleAlarm(): Promise<void> {
    const times = [nextSnoozeEnd(this.db), nextResume(this.db), nextLeaseEnd(this.db)].filter(
      (t): t is number => t !== undefined,
    );
    if (times.length === 0) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(Math.min(...times));
  }

  /** Cheaper than `scheduleAlarm` on a run's path: it only ever brings the alarm forward. */
  private async alarmBy(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }

  private currentCounts(contextKeys: string[]): InboxCounts {
    const [unreadCount = 0, unseenCount = 0] = this.count([
      { read: false, archived: false, snoozed: false, contextKeys },
      { seen: false, archived: false, snoozed: false, contextKeys },
    ]);
    return { unreadCount, unseenCount };
  }

  /** Each socket hears only of the notifications of its own session's context, as Novu's Inbox filters them. */
  private notify(received: NotificationRow[]): void {
    const sockets = this.ctx.getWebSockets();
    if (sockets.length === 0) return;
    const owner = this.owner();
    for (const group of socketsByContext(sockets)) {
      for (const row of received.filter((r) => inContext(r.contextKeys, group))) {
        const message = toSocketMessage(toInboxNotification(row, owner));
        this.broadcast(frame({ event: "notification_received", data: { message } }), group.sockets);
      }
    }
    this.pushCounts();
  }

  private unreadCount(
    contextKeys: string[],
    total = this.currentCounts(contextKeys).unreadCount,
  ): UnreadCount {
    return { total, severity: unreadBySeverity(this.db, contextKeys) };
  }

  /** Counts per session context: two sessions of one subscriber in different contexts see different numbers. */
  private pushCounts(): void {
    const sockets = this.ctx.getWebSockets();
    if (sockets.length === 0) return;
    for (const { contextKeys, sockets: group } of socketsByContext(sockets)) {
      const { unreadCount, unseenCount } = this.currentCounts(contextKeys);
      const counts = this.unreadCount(contextKeys, unreadCount);
      this.broadcast(frame({ event: "unseen_count_changed", data: { unseenCount } }), group);
      this.broadcast(
        frame({ event: "unread_count_changed", data: { unreadCount: counts.total, counts } }),
        group,
      );
    }
  }

  private broadcast(text: string, sockets: WebSocket[]): void {
    for (const socket of sockets) {
      try {
        socket.send(text);
      } catch {
        // A socket that closed mid-broadcast is cleaned up by webSocketClose; the others still get the frame.
      }
    }
  }

  /** The notification, when it exists and, for an Inbox session, belongs to the session's context. */
  private notificationIn(id: string, contextKeys?: string[]): NotificationRow | undefined {
    const row = findNotification(this.db, id);
    return row && (!contextKeys || sameContext(row.contextKeys, contextKeys)) ? row : undefined;
  }

  private owner(): InboxOwner {
    return this.ctx.storage.kv.get<InboxOwner>(ownerKey) ?? { id: "", subscriberId: "" };
  }

  /** Written only when the profile changed: a run is otherwise one storage write lighter. */
  private setOwner(owner: InboxOwner): void {
    const current = this.ctx.storage.kv.get<InboxOwner>(ownerKey);
    if (current && JSON.stringify(current) === JSON.stringify(owner)) return;
    this.ctx.storage.kv.put(ownerKey, owner);
  }

  /** The messages of these (transactionId, stepId) pairs, for the server API's list across subscribers. */
  adminMessages(refs: TransactionStep[]) {
    const owner = this.owner();
    return findByTransactionSteps(this.db, refs).map((row) => ({
      stepId: row.stepId,
      message: toSocketMessage(toInboxNotification(row, owner)),
    }));
  }
}
