import type { ChannelType } from "../workflows/workflow.types";

/** Channel switches a subscriber set; an absent channel means "as the workflow says". */
export type ChannelToggles = Partial<Record<ChannelType, boolean>>;

/** A subscriber's own choices, as their Durable Object stores them: the global row and one row per workflow. */
export type SubscriberPreferences = { global: ChannelToggles; workflows: Record<string, ChannelToggles> };
