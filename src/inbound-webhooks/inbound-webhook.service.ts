import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/client";
import { chunks, maxBoundParameters } from "../db/limits";
import { integrations, type MessageRow, messages } from "../db/schema";
import { HttpError } from "../http/http-error";
import { type ProviderEvent, providerEventParsers } from "./provider-events";

export type WebhookResult = {
  id: string;
  event: { status: string; date: string; externalId?: string; attempts?: number; row?: string };
};

/** Ids as stored at send time: some providers' ids carry angle brackets on one side only. */
const spellings = (id: string) => [id, `<${id}>`];

async function messagesFor(
  db: Database,
  environmentId: string,
  events: ProviderEvent[],
): Promise<MessageRow[]> {
  const externalIds = [...new Set(events.flatMap((e) => (e.externalId ? spellings(e.externalId) : [])))];
  const ownIds = [...new Set(events.flatMap((e) => (e.messageId ? [e.messageId] : [])))];
  const size = maxBoundParameters - 1;
  const lookups = [
    ...chunks(externalIds, size).map((ids) => inArray(messages.providerMessageId, ids)),
    ...chunks(ownIds, size).map((ids) => inArray(messages.id, ids)),
  ];
  const found = await Promise.all(
    lookups.map((match) =>
      db
        .select()
        .from(messages)
        .where(and(eq(messages.environmentId, environmentId), match)),
    ),
  );
  return found.flat();
}

function matches(message: MessageRow, event: ProviderEvent): boolean {
  if (event.messageId && message.id === event.messageId) return true;
  return !!event.externalId && spellings(event.externalId).includes(message.providerMessageId ?? "");
}

/**
 * `POST /v2/inbound-webhooks/delivery-providers/{environmentId}/{integrationId}`: a provider reports what happened
 * to messages it was given (delivered, opened, bounced…). Each event is recorded on its message; events for
 * messages this environment never sent are answered but change nothing.
 */
export async function trackProviderEvents(
  db: Database,
  environmentId: string,
  integrationId: string,
  body: unknown,
): Promise<WebhookResult[]> {
  const [integration] = await db
    .select({ providerId: integrations.providerId })
    .from(integrations)
    .where(and(eq(integrations.environmentId, environmentId), eq(integrations.id, integrationId)))
    .limit(1);
  if (!integration) throw HttpError.notFound(`Integration '${integrationId}' was not found`);
  const parse = providerEventParsers[integration.providerId];
  if (!parse)
    throw HttpError.badRequest(`Delivery events from provider '${integration.providerId}' are not supported`);

  const events = parse(body);
  const found = events.length ? await messagesFor(db, environmentId, events) : [];
  const updates = new Map<string, MessageRow>();
  const results: WebhookResult[] = events.map((event) => {
    const message = found.find((m) => matches(m, event));
    const stored = message && (updates.get(message.id) ?? message);
    if (stored) {
      const entry = {
        status: event.status,
        date: event.date,
        ...(event.externalId ? { externalId: event.externalId } : {}),
      };
      updates.set(stored.id, { ...stored, deliveryEvents: [...stored.deliveryEvents, entry] });
    }
    return {
      id: message?.id ?? event.externalId ?? event.messageId ?? "unknown",
      event: {
        status: event.status,
        date: event.date,
        ...(event.externalId ? { externalId: event.externalId } : {}),
        ...(message ? { attempts: message.attempts } : {}),
        row: JSON.stringify(event.raw),
      },
    };
  });
  const statements = [...updates.values()].map((row) =>
    db
      .update(messages)
      .set({ deliveryEvents: row.deliveryEvents, updatedAt: Date.now() })
      .where(eq(messages.id, row.id)),
  );
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  return results;
}
