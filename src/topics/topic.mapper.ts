import type { SubscriberRow, TopicRow, TopicSubscriptionRow } from "../db/schema";
import { toIso } from "../lib/time";
import type { SubscriptionDto } from "./topic.schemas";

export function toTopicDto(row: TopicRow) {
  return {
    _id: row.id,
    key: row.key,
    name: row.name ?? undefined,
    data: row.data ?? undefined,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

export function toSubscriptionDto(
  row: TopicSubscriptionRow,
  topic: TopicRow,
  subscribers: Map<string, SubscriberRow>,
): SubscriptionDto {
  const subscriber = subscribers.get(row.subscriberId);
  return {
    _id: row.id,
    identifier: row.identifier,
    name: row.name ?? undefined,
    topic: { _id: topic.id, key: topic.key, name: topic.name ?? undefined },
    subscriber: subscriber
      ? {
          _id: subscriber.id,
          subscriberId: subscriber.subscriberId,
          avatar: subscriber.avatar,
          firstName: subscriber.firstName,
          lastName: subscriber.lastName,
          email: subscriber.email,
        }
      : null,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}
