import { z } from "@hono/zod-openapi";
import { inboxWorkflow } from "../inbox/inbox.schemas";

export const channelToggles = z
  .object({
    email: z.boolean().optional(),
    sms: z.boolean().optional(),
    in_app: z.boolean().optional(),
    chat: z.boolean().optional(),
    push: z.boolean().optional(),
  })
  .openapi("PatchPreferenceChannelsDto");

export const criticalityQuery = z.object({
  criticality: z.enum(["critical", "nonCritical", "all"]).default("nonCritical"),
});

export const patchPreferencesBody = z
  .object({ channels: channelToggles.optional(), workflowId: z.string().min(1).optional() })
  .openapi("PatchSubscriberPreferencesDto");

export const bulkPreferencesBody = z
  .object({
    preferences: z
      .array(z.object({ channels: channelToggles, workflowId: z.string().min(1) }))
      .min(1)
      .max(100),
  })
  .openapi("BulkUpdateSubscriberPreferencesDto");

const channels = z.record(z.string(), z.boolean());

export const subscriberPreferencesResponse = z
  .object({
    global: z.object({ enabled: z.boolean(), channels }),
    workflows: z.array(
      z.object({
        enabled: z.boolean(),
        channels,
        overrides: z.array(z.object({ channel: z.string(), source: z.string() })),
        workflow: z.object({
          slug: z.string(),
          identifier: z.string(),
          name: z.string(),
          updatedAt: z.string(),
        }),
      }),
    ),
  })
  .openapi("GetSubscriberPreferencesDto");

/** One preference as the Inbox (`@novu/js`) and the bulk API read it. */
export const preferenceItem = z
  .object({
    level: z.enum(["global", "template"]),
    enabled: z.boolean(),
    channels,
    workflow: inboxWorkflow.optional(),
  })
  .openapi("GetPreferencesResponseDto");
export type PreferenceItem = z.infer<typeof preferenceItem>;

export const inboxChannelsBody = channelToggles;
export const inboxBulkBody = z.object({
  preferences: z
    .array(channelToggles.extend({ workflowId: z.string().min(1) }))
    .min(1)
    .max(100),
});
