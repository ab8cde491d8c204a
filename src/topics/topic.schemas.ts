import { z } from "@hono/zod-openapi";
import { cursorQuery } from "../http/pagination";

export const topicKey = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(
    /^([a-zA-Z0-9_:-]+|[^\s@]+@[^\s@]+\.[^\s@]+)$/,
    "key may only hold letters, digits, '-', '_', ':' or be an email",
  );

export const topicKeyParam = z.object({
  topicKey: topicKey.openapi({ param: { name: "topicKey", in: "path" } }),
});
export const subscriptionParam = topicKeyParam.extend({
  identifier: z
    .string()
    .min(1)
    .max(300)
    .openapi({ param: { name: "identifier", in: "path" } }),
});

const dataValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
/** Novu's limit on a topic's `data`, measured as its JSON text. */
const maxDataBytes = 64 * 1024;

/** Flat key/value pairs of scalars (or string lists); `null` clears what is stored. */
export const topicData = z
  .record(z.string(), dataValue)
  .refine((data) => new TextEncoder().encode(JSON.stringify(data)).byteLength <= maxDataBytes, {
    message: "data must not exceed 64KB",
  })
  .nullable()
  .openapi({ description: "Custom data of the topic: flat key/value pairs of scalars or string lists" });
export type TopicData = z.infer<typeof topicData>;

export const upsertTopicBody = z
  .object({ key: topicKey, name: z.string().max(100).optional(), data: topicData.optional() })
  .openapi("CreateUpdateTopicRequestDto");
export const updateTopicBody = z
  .object({ name: z.string().min(1).max(100).optional(), data: topicData.optional() })
  .openapi("UpdateTopicRequestDto");
export type UpdateTopicInput = z.infer<typeof updateTopicBody>;
export const listTopicsQuery = cursorQuery.extend({
  key: z.string().optional(),
  name: z.string().optional(),
});
export const listSubscriptionsQuery = cursorQuery.extend({ subscriberId: z.string().optional() });

const subscriptionTarget = z.union([
  z.string().min(1).max(255),
  z.object({
    identifier: z.string().min(1).max(300).optional(),
    subscriberId: z.string().min(1).max(255),
    name: z.string().max(100).optional(),
  }),
]);
export type SubscriptionTarget = z.infer<typeof subscriptionTarget>;

export const createSubscriptionsBody = z
  .object({
    subscriptions: z.array(subscriptionTarget).max(100).optional(),
    subscriberIds: z.array(z.string().min(1).max(255)).max(100).optional(),
    name: z.string().max(100).optional(),
  })
  .refine((body) => (body.subscriptions?.length ?? 0) + (body.subscriberIds?.length ?? 0) > 0, {
    message: "subscriptions or subscriberIds must list at least one subscriber",
  })
  .openapi("CreateTopicSubscriptionsRequestDto");

export const deleteSubscriptionsBody = z
  .object({
    subscriptions: z
      .array(
        z.union([
          z.string().min(1),
          z.object({ identifier: z.string().optional(), subscriberId: z.string().optional() }),
        ]),
      )
      .max(100)
      .optional(),
    subscriberIds: z.array(z.string().min(1)).max(100).optional(),
  })
  .openapi("DeleteTopicSubscriptionsRequestDto");

export const updateSubscriptionBody = z
  .object({ name: z.string().max(100).optional() })
  .openapi("UpdateTopicSubscriptionRequestDto");

export const topicResponse = z
  .object({
    _id: z.string(),
    key: z.string(),
    name: z.string().optional(),
    data: z.record(z.string(), dataValue).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("TopicResponseDto");

const subscriberSummary = z.object({
  _id: z.string(),
  subscriberId: z.string(),
  avatar: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
});

export const subscriptionResponse = z
  .object({
    _id: z.string(),
    identifier: z.string(),
    name: z.string().optional(),
    topic: z.object({ _id: z.string(), key: z.string(), name: z.string().optional() }),
    subscriber: subscriberSummary.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("SubscriptionResponseDto");
export type SubscriptionDto = z.infer<typeof subscriptionResponse>;

/** GET of one subscription: Novu's SubscriptionDetailsResponseDto names the id `id`, not `_id`. */
export const subscriptionDetailsResponse = subscriptionResponse
  .extend({ id: z.string() })
  .openapi("SubscriptionDetailsResponseDto");

export const subscriptionsResult = z
  .object({
    data: z.array(subscriptionResponse),
    meta: z.object({ totalCount: z.number(), successful: z.number(), failed: z.number() }),
    errors: z.array(z.object({ subscriberId: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .openapi("CreateSubscriptionsResponseDto");

export const topicMembership = z
  .object({
    _organizationId: z.string(),
    _environmentId: z.string(),
    _subscriberId: z.string(),
    _topicId: z.string(),
    topicKey: z.string(),
    externalSubscriberId: z.string(),
  })
  .openapi("TopicSubscriberDto");
