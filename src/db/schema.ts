import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { StoredStep, WorkflowPreferences } from "../workflows/workflow.types";

export type SubscriberChannel = {
  providerId: string;
  integrationIdentifier?: string;
  /** The environment's integration of that provider when the credentials were set (Novu's `_integrationId`). */
  _integrationId?: string;
  credentials: { webhookUrl?: string; channel?: string; deviceTokens?: string[] };
};

/** Milliseconds since the epoch; ISO strings exist only on the wire. */
const timestamps = {
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
};

export const organizations = sqliteTable("organizations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  ...timestamps,
});

export const environments = sqliteTable(
  "environments",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    type: text("type", { enum: ["dev", "prod"] }).notNull(),
    /** The public application identifier the Inbox sends. */
    identifier: text("identifier").notNull(),
    color: text("color"),
    parentId: text("parent_id"),
    /** Where this environment's code-first workflows are served (`@novu/framework`). */
    bridgeUrl: text("bridge_url"),
    /** Bumped by SQLite triggers on every write to this environment's workflows (migration 0017). */
    workflowsRevision: integer("workflows_revision").notNull().default(0),
    /** Bumped by SQLite triggers on every write to this environment's subscribers (migration 0017). */
    subscribersRevision: integer("subscribers_revision").notNull().default(0),
    ...timestamps,
  },
  (t) => [uniqueIndex("environments_identifier").on(t.identifier)],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    /** SHA-256 of the secret key, hex: requests are matched by it, so the key is never compared in clear. */
    keyHash: text("key_hash").notNull(),
    /**
     * The key sealed with NOVU_ENCRYPTION_KEY: the platform signs with it (Inbox HMAC, bridge requests) as Novu
     * does, and can show its last characters, but it is never stored or logged in clear.
     */
    sealedKey: text("sealed_key"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("api_keys_key_hash").on(t.keyHash), index("api_keys_environment").on(t.environmentId)],
);

export const subscribers = sqliteTable(
  "subscribers",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    organizationId: text("organization_id").notNull(),
    subscriberId: text("subscriber_id").notNull(),
    firstName: text("first_name"),
    lastName: text("last_name"),
    email: text("email"),
    phone: text("phone"),
    avatar: text("avatar"),
    locale: text("locale"),
    timezone: text("timezone"),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
    /** Push and chat credentials per provider: device tokens, webhook URLs (`ChannelSettingsDto`). */
    channels: text("channels", { mode: "json" }).$type<SubscriberChannel[]>().notNull().default(sql`'[]'`),
    isOnline: integer("is_online", { mode: "boolean" }),
    lastOnlineAt: integer("last_online_at"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("subscribers_environment_subscriber").on(t.environmentId, t.subscriberId),
    index("subscribers_environment_email").on(t.environmentId, t.email),
    index("subscribers_environment_phone").on(t.environmentId, t.phone),
  ],
);

export const workflows = sqliteTable(
  "workflows",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    organizationId: text("organization_id").notNull(),
    workflowId: text("workflow_id").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    active: integer("active", { mode: "boolean" }).notNull(),
    critical: integer("critical", { mode: "boolean" }).notNull().default(false),
    severity: text("severity", { enum: ["high", "medium", "low", "none"] })
      .notNull()
      .default("none"),
    validatePayload: integer("validate_payload", { mode: "boolean" }).notNull().default(false),
    payloadSchema: text("payload_schema", { mode: "json" }).$type<Record<string, unknown>>(),
    isTranslationEnabled: integer("is_translation_enabled", { mode: "boolean" }).notNull().default(false),
    preferences: text("preferences", { mode: "json" }).$type<WorkflowPreferences>().notNull(),
    /** Steps live with their workflow: they are always read and written together. */
    steps: text("steps", { mode: "json" }).$type<StoredStep[]>().notNull(),
    origin: text("origin", { enum: ["novu-cloud", "novu-cloud-v1", "external"] }).notNull(),
    lastTriggeredAt: integer("last_triggered_at"),
    ...timestamps,
  },
  (t) => [uniqueIndex("workflows_environment_workflow").on(t.environmentId, t.workflowId)],
);

export type EnvironmentRow = typeof environments.$inferSelect;
export type SubscriberRow = typeof subscribers.$inferSelect;
export type WorkflowRow = typeof workflows.$inferSelect;

export const integrations = sqliteTable(
  "integrations",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    organizationId: text("organization_id").notNull(),
    providerId: text("provider_id").notNull(),
    channel: text("channel", { enum: ["in_app", "email", "sms", "chat", "push"] }).notNull(),
    name: text("name").notNull(),
    identifier: text("identifier").notNull(),
    /** AES-GCM sealed JSON of the provider credentials (see src/lib/secret-box.ts). */
    credentials: text("credentials").notNull(),
    configurations: text("configurations", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    conditions: text("conditions", { mode: "json" }).$type<Record<string, unknown>[]>().notNull(),
    active: integer("active", { mode: "boolean" }).notNull(),
    primary: integer("primary", { mode: "boolean" }).notNull(),
    /** Tried after this channel's primary fails for good; at most one per channel. */
    fallback: integer("fallback", { mode: "boolean" }).notNull().default(false),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("integrations_environment_identifier").on(t.environmentId, t.identifier),
    index("integrations_environment_channel").on(t.environmentId, t.channel),
  ],
);

export type IntegrationRow = typeof integrations.$inferSelect;

/** One row per external channel send (email, sms, push, chat), written by the delivery consumer in batches. */
/** One engagement or delivery event a provider reported for a message (Novu's `EventBody`). */
export type DeliveryEvent = { status: string; date: string; externalId?: string };

export const messages = sqliteTable(
  "messages",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    subscriberId: text("subscriber_id").notNull(),
    transactionId: text("transaction_id").notNull(),
    workflowId: text("workflow_id").notNull(),
    stepId: text("step_id").notNull(),
    channel: text("channel", { enum: ["email", "sms", "chat", "push"] }).notNull(),
    providerId: text("provider_id"),
    integrationId: text("integration_id"),
    status: text("status", { enum: ["queued", "sent", "error"] }).notNull(),
    providerMessageId: text("provider_message_id"),
    errorText: text("error_text"),
    attempts: integer("attempts").notNull().default(0),
    subject: text("subject"),
    content: text("content"),
    /** What the provider reported after the send (delivered, opened, bounced…), from its inbound webhooks. */
    deliveryEvents: text("delivery_events", { mode: "json" })
      .$type<DeliveryEvent[]>()
      .notNull()
      .default(sql`'[]'`),
    ...timestamps,
  },
  (t) => [
    index("messages_environment_transaction").on(t.environmentId, t.transactionId),
    index("messages_environment_subscriber").on(t.environmentId, t.subscriberId, t.createdAt),
    index("messages_environment_provider_message").on(t.environmentId, t.providerMessageId),
  ],
);

export type MessageRow = typeof messages.$inferSelect;

/** Where an environment's message status events are posted (outbound webhooks), with the secret that signs them. */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    description: text("description"),
    /** Event types this endpoint receives; empty means all of them. */
    eventTypes: text("event_types", { mode: "json" }).$type<string[]>().notNull(),
    active: integer("active", { mode: "boolean" }).notNull(),
    /** AES-GCM sealed signing secret (see src/lib/secret-box.ts): it must be read back to sign. */
    secret: text("secret").notNull(),
    ...timestamps,
  },
  (t) => [index("webhook_endpoints_environment").on(t.environmentId)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

export const topics = sqliteTable(
  "topics",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    organizationId: text("organization_id").notNull(),
    key: text("key").notNull(),
    name: text("name"),
    /** Novu's topic `data`: flat key/value pairs the caller attaches (null when none). */
    data: text("data", { mode: "json" }).$type<Record<string, string | number | boolean | string[]>>(),
    ...timestamps,
  },
  (t) => [uniqueIndex("topics_environment_key").on(t.environmentId, t.key)],
);

export const topicSubscriptions = sqliteTable(
  "topic_subscriptions",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id").notNull(),
    topicId: text("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    subscriberRowId: text("subscriber_row_id")
      .notNull()
      .references(() => subscribers.id, { onDelete: "cascade" }),
    /** The subscriber's own id, kept here so fan-out pages never join back to subscribers. */
    subscriberId: text("subscriber_id").notNull(),
    identifier: text("identifier").notNull(),
    name: text("name"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("topic_subscriptions_topic_identifier").on(t.topicId, t.identifier),
    index("topic_subscriptions_topic_page").on(t.topicId, t.id),
    index("topic_subscriptions_subscriber").on(t.subscriberRowId),
  ],
);

export type TopicRow = typeof topics.$inferSelect;
export type TopicSubscriptionRow = typeof topicSubscriptions.$inferSelect;

/** Trigger bodies too large for a queue message (payloads may reach 512 KB), referenced by fan-out pages. */
export const triggerSnapshots = sqliteTable("trigger_snapshots", {
  id: text("id").primaryKey(),
  environmentId: text("environment_id").notNull(),
  body: text("body").notNull(),
  createdAt: integer("created_at").notNull(),
});

/** Reusable metadata referenced by `type:id` (tenant, region, app …); `contextId` is the caller's id. */
export const contexts = sqliteTable(
  "contexts",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    contextId: text("context_id").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("contexts_environment_type_id").on(t.environmentId, t.type, t.contextId)],
);

export type LayoutControls = { email?: { body: string; editorType: "html" | "block" } };

export const layouts = sqliteTable(
  "layouts",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    layoutId: text("layout_id").notNull(),
    name: text("name").notNull(),
    isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
    isTranslationEnabled: integer("is_translation_enabled", { mode: "boolean" }).notNull().default(false),
    controls: text("controls", { mode: "json" }).$type<LayoutControls>().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("layouts_environment_layout").on(t.environmentId, t.layoutId)],
);

export const translations = sqliteTable(
  "translations",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    resourceType: text("resource_type", { enum: ["workflow", "layout"] }).notNull(),
    /** The workflow's `workflowId` or the layout's `layoutId`. */
    resourceId: text("resource_id").notNull(),
    locale: text("locale").notNull(),
    content: text("content", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("translations_resource_locale").on(t.environmentId, t.resourceType, t.resourceId, t.locale),
  ],
);

export const channelConnections = sqliteTable(
  "channel_connections",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    identifier: text("identifier").notNull(),
    channel: text("channel").notNull(),
    providerId: text("provider_id").notNull(),
    integrationIdentifier: text("integration_identifier").notNull(),
    subscriberId: text("subscriber_id"),
    contextKeys: text("context_keys", { mode: "json" }).$type<string[]>().notNull(),
    workspace: text("workspace", { mode: "json" }).$type<{ id: string; name?: string }>().notNull(),
    /** AES-GCM sealed `{ accessToken }` (src/lib/secret-box.ts). */
    auth: text("auth").notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("channel_connections_environment_identifier").on(t.environmentId, t.identifier)],
);

export const channelEndpoints = sqliteTable(
  "channel_endpoints",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    identifier: text("identifier").notNull(),
    channel: text("channel").notNull(),
    providerId: text("provider_id").notNull(),
    integrationIdentifier: text("integration_identifier").notNull(),
    connectionIdentifier: text("connection_identifier"),
    subscriberId: text("subscriber_id"),
    contextKeys: text("context_keys", { mode: "json" }).$type<string[]>().notNull(),
    type: text("type").notNull(),
    endpoint: text("endpoint", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("channel_endpoints_environment_identifier").on(t.environmentId, t.identifier)],
);

/** Activity: one row per subscriber per trigger (Novu's notification), written in batches by whoever ran it. */
export const notificationEvents = sqliteTable(
  "notification_events",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    organizationId: text("organization_id").notNull(),
    transactionId: text("transaction_id").notNull(),
    subscriberId: text("subscriber_id").notNull(),
    subscriberRowId: text("subscriber_row_id").notNull(),
    workflowRowId: text("workflow_row_id").notNull(),
    workflowId: text("workflow_id").notNull(),
    workflowName: text("workflow_name").notNull(),
    channels: text("channels", { mode: "json" }).$type<ChannelName[]>().notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    topicKeys: text("topic_keys", { mode: "json" }).$type<string[]>().notNull(),
    /** The trigger's `tenant`, as Novu keeps it with a notification's jobs: `{ identifier, name?, data? }`. */
    tenant: text("tenant", { mode: "json" }).$type<ActivityTenant>(),
    /** `type:id` of each context the trigger named (Novu's `contextKeys`). */
    contextKeys: text("context_keys", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** The steps of the run as the subscriber's Durable Object reported them, refreshed as they progress. */
    jobs: text("jobs", { mode: "json" }).$type<ActivityJob[]>().notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("notification_events_transaction_subscriber").on(
      t.environmentId,
      t.transactionId,
      t.subscriberId,
    ),
    index("notification_events_environment_created").on(t.environmentId, t.createdAt),
    // Activity by transactionId (the bridge's and the SDK's most common filter) without scanning the environment.
    index("notification_events_environment_transaction").on(t.environmentId, t.transactionId, t.createdAt),
    index("notification_events_environment_subscriber").on(t.environmentId, t.subscriberId),
  ],
);

export type ChannelName = "in_app" | "email" | "sms" | "chat" | "push";
export type ActivityTenant = { identifier?: string; name?: string; data?: Record<string, unknown> };
export type ActivityJob = {
  stepId: string;
  type: string;
  status:
    | "pending"
    | "queued"
    | "running"
    | "completed"
    | "failed"
    | "delayed"
    | "canceled"
    | "merged"
    | "skipped";
  detail?: string;
  updatedAt: number;
};
export type ContextRow = typeof contexts.$inferSelect;
export type LayoutRow = typeof layouts.$inferSelect;
export type TranslationRow = typeof translations.$inferSelect;
export type ChannelConnectionRow = typeof channelConnections.$inferSelect;
export type ChannelEndpointRow = typeof channelEndpoints.$inferSelect;
export type NotificationEventRow = typeof notificationEvents.$inferSelect;

/** One value per environment; a secret's value is sealed with NOVU_ENCRYPTION_KEY and never returned in clear. */
export type EnvironmentVariableValue = { environmentId: string; value: string };

/**
 * Organization-wide variables with a value per environment, read in templates as `{{env.KEY}}` (Novu's
 * environment variables).
 */
export const environmentVariables = sqliteTable(
  "environment_variables",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    isSecret: integer("is_secret", { mode: "boolean" }).notNull().default(false),
    values: text("values", { mode: "json" }).$type<EnvironmentVariableValue[]>().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("environment_variables_organization_key").on(t.organizationId, t.key)],
);
export type EnvironmentVariableRow = typeof environmentVariables.$inferSelect;

// ─── Domains ─────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * An inbound-email domain. Its name is unique across environments: its MX record sends all of its mail to this
 * platform, which must know which environment it belongs to.
 */
export const domains = sqliteTable(
  "domains",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    organizationId: text("organization_id").notNull(),
    /** Lower case, without a trailing dot. */
    name: text("name").notNull(),
    status: text("status", { enum: ["pending", "verified"] }).notNull(),
    mxRecordConfigured: integer("mx_record_configured", { mode: "boolean" }).notNull(),
    /** Recognised from the zone's NS records, when they name a known provider. */
    dnsProvider: text("dns_provider"),
    data: text("data", { mode: "json" }).$type<Record<string, string>>(),
    ...timestamps,
  },
  (t) => [uniqueIndex("domains_name").on(t.name), index("domains_environment").on(t.environmentId)],
);
export type DomainRow = typeof domains.$inferSelect;

/** Where mail to `<address>@<domain>` goes; `*` catches every address without a route of its own. */
export const domainRoutes = sqliteTable(
  "domain_routes",
  {
    id: text("id").primaryKey(),
    domainId: text("domain_id")
      .notNull()
      .references(() => domains.id, { onDelete: "cascade" }),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    organizationId: text("organization_id").notNull(),
    /** Lower-case local part, or `*`. */
    address: text("address").notNull(),
    type: text("type", { enum: ["agent", "webhook"] }).notNull(),
    /** The agent's internal id, for agent routes. */
    agentId: text("agent_id"),
    data: text("data", { mode: "json" }).$type<Record<string, string>>(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("domain_routes_domain_address").on(t.domainId, t.address),
    index("domain_routes_environment_agent").on(t.environmentId, t.agentId),
  ],
);
export type DomainRouteRow = typeof domainRoutes.$inferSelect;

// ─── Agents ──────────────────────────────────────────────────────────────────────────────────────────────────────

export type AgentBehavior = {
  acknowledgeOnReceived: boolean;
  /** An emoji name, or null for none. Email has no reactions: stored and returned, never applied. */
  reactionOnResolved: string | null;
  subscriberAccess: "open" | "restricted";
};

/** A conversational agent whose brain is the user's own `@novu/framework` bridge (Novu's self-hosted runtime). */
export const agents = sqliteTable(
  "agents",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    organizationId: text("organization_id").notNull(),
    identifier: text("identifier").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    active: integer("active", { mode: "boolean" }).notNull(),
    behavior: text("behavior", { mode: "json" }).$type<AgentBehavior>().notNull(),
    bridgeUrl: text("bridge_url"),
    devBridgeUrl: text("dev_bridge_url"),
    devBridgeActive: integer("dev_bridge_active", { mode: "boolean" }).notNull().default(false),
    /**
     * The origin this API was reached at when the agent was last written: the bridge posts its replies back there
     * (`replyUrl`), as Novu's bridge posts them to its API_ROOT_URL.
     */
    apiOrigin: text("api_origin"),
    ...timestamps,
  },
  (t) => [uniqueIndex("agents_environment_identifier").on(t.environmentId, t.identifier)],
);
export type AgentRow = typeof agents.$inferSelect;

/** Links an agent to one of its environment's integrations: the channels it talks on. */
export const agentIntegrations = sqliteTable(
  "agent_integrations",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    organizationId: text("organization_id").notNull(),
    agentId: text("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    integrationId: text("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("agent_integrations_agent_integration").on(t.agentId, t.integrationId),
    index("agent_integrations_integration").on(t.integrationId),
  ],
);
export type AgentIntegrationRow = typeof agentIntegrations.$inferSelect;

/**
 * One thread between an agent and a person. Email has no thread id we can see, so a thread is the agent, the
 * sender's address and the subject without its `Re:`/`Fwd:` prefixes (`threadKey`).
 */
export const agentConversations = sqliteTable(
  "agent_conversations",
  {
    id: text("id").primaryKey(),
    environmentId: text("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    agentId: text("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: ["email"] }).notNull(),
    status: text("status", { enum: ["active", "resolved"] }).notNull(),
    /** The integration the agent answers through, echoed by the bridge in its replies. */
    integrationIdentifier: text("integration_identifier"),
    /** Lower-case address of the person, where replies go. */
    participantAddress: text("participant_address").notNull(),
    participantName: text("participant_name"),
    /** The environment's subscriber with that email, when there is one. */
    subscriberId: text("subscriber_id"),
    subject: text("subject"),
    threadKey: text("thread_key").notNull(),
    metadata: text("metadata", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    messageCount: integer("message_count").notNull().default(0),
    /** Opened by a route test: never continued by real mail, and replies into it are not emailed. */
    dryRun: integer("dry_run", { mode: "boolean" }).notNull().default(false),
    resolvedAt: integer("resolved_at"),
    summary: text("summary"),
    lastActivityAt: integer("last_activity_at").notNull(),
    ...timestamps,
  },
  (t) => [index("agent_conversations_thread").on(t.agentId, t.participantAddress, t.threadKey)],
);
export type AgentConversationRow = typeof agentConversations.$inferSelect;

/** What was said and done in a conversation, in order: the `history` the bridge receives. */
export const agentConversationEntries = sqliteTable(
  "agent_conversation_entries",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => agentConversations.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["user", "assistant", "system"] }).notNull(),
    type: text("type").notNull(),
    content: text("content").notNull(),
    richContent: text("rich_content", { mode: "json" }).$type<Record<string, unknown>>(),
    senderName: text("sender_name"),
    signalData: text("signal_data", { mode: "json" }).$type<{
      type: string;
      payload?: Record<string, unknown>;
    }>(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("agent_conversation_entries_conversation").on(t.conversationId, t.createdAt)],
);
export type AgentConversationEntryRow = typeof agentConversationEntries.$inferSelect;
