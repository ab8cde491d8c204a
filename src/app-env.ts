import type { EnvironmentRow } from "./db/schema";

/** The environment an API key or Inbox token resolved to: every query is scoped by it. */
export type Tenant = Pick<
  EnvironmentRow,
  "id" | "organizationId" | "name" | "type" | "identifier" | "workflowsRevision" | "subscribersRevision"
>;

/** `contextKeys`: the session's context (sorted `type:id`), which scopes what the Inbox shows. */
export type InboxSession = {
  environmentId: string;
  organizationId: string;
  subscriberId: string;
  contextKeys: string[];
};

export type AppEnv = {
  Bindings: Env;
  Variables: { tenant: Tenant; inbox: InboxSession };
};
