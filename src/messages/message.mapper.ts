import type { SocketMessage } from "../../durable-objects/subscriber/inbox.mapper";
import type { Tenant } from "../app-env";
import type { MessageRow } from "../db/schema";
import { toIso } from "../lib/time";
import type { MessageDto } from "./message.schemas";

/** Delivery states as Novu's `MessageStatusEnum` names them: a send still retrying is a warning. */
const statusOf = { sent: "sent", error: "error", queued: "warning" } as const;

/** An email, SMS, chat or push send, as the DELIVERIES consumer logged it in D1. */
export function sendToDto(row: MessageRow, tenant: Tenant): MessageDto {
  return {
    _id: row.id,
    _environmentId: row.environmentId,
    _organizationId: tenant.organizationId,
    _notificationId: row.transactionId,
    _subscriberId: row.subscriberId,
    templateIdentifier: row.workflowId,
    createdAt: toIso(row.createdAt),
    transactionId: row.transactionId,
    subject: row.subject ?? undefined,
    content: row.content,
    channel: row.channel,
    read: false,
    seen: false,
    providerId: row.providerId ?? undefined,
    cta: {},
    status: statusOf[row.status],
    errorText: row.errorText ?? undefined,
  };
}

/** An in-app message as the subscriber's Durable Object holds it; `notificationId` is its activity row when known. */
export function inAppToDto(message: SocketMessage, tenant: Tenant, notificationId?: string): MessageDto {
  return {
    _id: message._id,
    _environmentId: tenant.id,
    _organizationId: tenant.organizationId,
    _notificationId: notificationId ?? message.transactionId,
    _subscriberId: message.subscriber._id,
    templateIdentifier: message.workflow.identifier,
    createdAt: message.createdAt,
    transactionId: message.transactionId,
    subject: message.subject,
    content: message.content,
    channel: "in_app",
    read: message.read,
    seen: message.seen,
    providerId: "novu",
    cta: message.cta,
    status: "sent",
  };
}
