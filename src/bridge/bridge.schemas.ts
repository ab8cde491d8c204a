import { z } from "zod";

/** JSON Schema documents pass through as plain objects: we store and return them, the bridge enforces them. */
const jsonSchema = z.record(z.string(), z.unknown());
const schemaHolder = z.object({ schema: jsonSchema.optional() }).optional();

const channelPreference = z.object({ enabled: z.boolean().optional() });

/** A workflow as `GET <bridge>?action=discover` describes it (`@novu/framework`'s DiscoverWorkflowOutput). */
export const discoveredWorkflow = z.object({
  workflowId: z.string().min(1).max(255),
  name: z.string().optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  severity: z.enum(["high", "medium", "low", "none"]).optional(),
  payload: schemaHolder,
  controls: schemaHolder,
  preferences: z
    .object({
      all: z.object({ enabled: z.boolean().optional(), readOnly: z.boolean().optional() }).optional(),
      channels: z
        .object({
          inApp: channelPreference.optional(),
          email: channelPreference.optional(),
          sms: channelPreference.optional(),
          push: channelPreference.optional(),
          chat: channelPreference.optional(),
        })
        .optional(),
    })
    .optional(),
  steps: z.array(
    z.object({
      stepId: z.string().min(1).max(255),
      type: z.enum(["in_app", "email", "sms", "push", "chat", "delay", "digest", "throttle", "custom"]),
      controls: schemaHolder,
    }),
  ),
});
export type DiscoveredWorkflow = z.infer<typeof discoveredWorkflow>;

export const discoverResponse = z.object({ workflows: z.array(discoveredWorkflow) });

/** What `POST <bridge>?action=execute|preview` answers for one step. */
export const executeResponse = z.object({
  outputs: z.record(z.string(), z.unknown()).default({}),
  providers: z.record(z.string(), z.unknown()).optional(),
  options: z.object({ skip: z.boolean().optional() }).optional(),
});
export type ExecuteResult = z.infer<typeof executeResponse>;

export const healthCheckResponse = z.object({
  status: z.string(),
  sdkVersion: z.string().optional(),
  frameworkVersion: z.string().optional(),
  discovered: z.object({ workflows: z.number(), steps: z.number() }).optional(),
});
export type BridgeHealth = z.infer<typeof healthCheckResponse>;

/** The previous steps' results a bridge needs to replay the workflow function up to the step it executes. */
export type BridgeStepState = {
  stepId: string;
  outputs: Record<string, unknown>;
  state: { status: string; error?: string };
};

export type ExecuteInput = {
  workflowId: string;
  stepId: string;
  payload: Record<string, unknown>;
  controls: Record<string, unknown>;
  subscriber: Record<string, unknown>;
  state: BridgeStepState[];
};
