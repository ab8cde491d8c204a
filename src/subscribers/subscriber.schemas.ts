import { z } from "@hono/zod-openapi";
import { cursorQuery } from "../http/pagination";

const nullableString = z.string().max(1024).nullable().optional();

export const subscriberIdParam = z.object({
  subscriberId: z
    .string()
    .min(1)
    .max(255)
    .openapi({ param: { name: "subscriberId", in: "path" } }),
});

export const channelSettings = z
  .object({
    providerId: z.string().min(1).max(100),
    integrationIdentifier: z.string().max(100).optional(),
    credentials: z.object({
      webhookUrl: z.string().max(2048).optional(),
      channel: z.string().max(255).optional(),
      deviceTokens: z.array(z.string().max(4096)).max(100).optional(),
    }),
  })
  .openapi("ChannelSettingsDto");

export const subscriberFields = {
  firstName: nullableString,
  lastName: nullableString,
  email: nullableString,
  phone: nullableString,
  avatar: nullableString,
  locale: nullableString,
  timezone: nullableString,
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  channels: z.array(channelSettings).max(20).optional(),
};

export const createSubscriberBody = z
  .object({ subscriberId: z.string().trim().min(1).max(255), ...subscriberFields })
  .openapi("CreateSubscriberRequestDto");
export type CreateSubscriberInput = z.infer<typeof createSubscriberBody>;

export const patchSubscriberBody = z.object(subscriberFields).openapi("PatchSubscriberRequestDto");
export type PatchSubscriberInput = z.infer<typeof patchSubscriberBody>;

export const createSubscriberQuery = z.object({
  failIfExists: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
});

export const searchSubscribersQuery = cursorQuery.extend({
  orderBy: z.enum(["createdAt", "updatedAt", "_id"]).default("createdAt"),
  email: z.string().optional(),
  name: z.string().optional(),
  phone: z.string().optional(),
  subscriberId: z.string().optional(),
});
export type SearchSubscribersQuery = z.infer<typeof searchSubscribersQuery>;

export const subscriberResponse = z
  .object({
    _id: z.string(),
    subscriberId: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    avatar: z.string().nullable(),
    locale: z.string().nullable(),
    timezone: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
    // The SDK requires `_integrationId`; it is empty when no integration of that provider existed.
    channels: z.array(channelSettings.extend({ _integrationId: z.string() })),
    isOnline: z.boolean().nullable(),
    lastOnlineAt: z.string().nullable(),
    _organizationId: z.string(),
    _environmentId: z.string(),
    deleted: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    __v: z.number(),
  })
  .openapi("SubscriberResponseDto");
export type SubscriberDto = z.infer<typeof subscriberResponse>;
