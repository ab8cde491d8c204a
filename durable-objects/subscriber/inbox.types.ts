import type { z } from "zod";
import type { inboxFilter, inboxNotification, unreadCount } from "../../src/inbox/inbox.schemas";

export type InboxNotification = z.infer<typeof inboxNotification>;
/**
 * What to match, as the Inbox sends it, plus the session's `contextKeys`: set by the server from the session token,
 * never read from a request, so a session cannot widen itself to another context.
 */
export type InboxFilter = z.infer<typeof inboxFilter> & { contextKeys?: string[] };
export type InboxRedirect = NonNullable<InboxNotification["redirect"]>;
export type InboxAction = NonNullable<InboxNotification["primaryAction"]>;
export type InboxWorkflow = InboxNotification["workflow"];
/** Who the subscriber is, as far as the inbox needs it: the `to` of every notification. */
export type InboxOwner = InboxNotification["to"];

export type NewInAppMessage = {
  transactionId: string;
  stepId: string;
  workflow: InboxWorkflow;
  /** Sorted, unique `type:id` keys of the trigger's contexts. */
  contextKeys: string[];
  content: {
    subject?: string;
    body: string;
    avatar?: string;
    primaryAction?: InboxAction;
    secondaryAction?: InboxAction;
    redirect?: InboxRedirect;
    data?: Record<string, unknown>;
  };
};

export type InboxCounts = { unreadCount: number; unseenCount: number };
export type UnreadCount = z.infer<typeof unreadCount>;
