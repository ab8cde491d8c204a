import { z } from "@hono/zod-openapi";
import { severities, stepTypes } from "./workflow.types";

const channelPreferences = z
  .object({
    all: z.object({ enabled: z.boolean().default(true), readOnly: z.boolean().default(false) }).optional(),
    channels: z.record(z.string(), z.object({ enabled: z.boolean().default(true) })).optional(),
  })
  .openapi("WorkflowPreferencesDto");

const stepUpsert = z.object({
  _id: z.string().optional(),
  stepId: z.string().min(1).max(100).optional(),
  name: z.string().trim().min(1).max(200),
  type: z.enum(stepTypes),
  controlValues: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type StepUpsert = z.infer<typeof stepUpsert>;

const workflowFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().max(1000).optional(),
  tags: z.array(z.string().min(1).max(48)).max(16).optional(),
  active: z.boolean().optional(),
  validatePayload: z.boolean().optional(),
  payloadSchema: z.record(z.string(), z.unknown()).nullable().optional(),
  isTranslationEnabled: z.boolean().optional(),
  severity: z.enum(severities).optional(),
  critical: z.boolean().optional(),
  preferences: z
    .object({
      user: channelPreferences.nullable().optional(),
      workflow: channelPreferences.nullable().optional(),
    })
    .optional(),
  steps: z.array(stepUpsert).max(20),
  __source: z.string().optional(),
};

export const patchWorkflowBody = z
  .object({
    active: z.boolean().optional(),
    name: workflowFields.name.optional(),
    description: workflowFields.description,
    tags: workflowFields.tags,
    payloadSchema: workflowFields.payloadSchema,
    validatePayload: z.boolean().optional(),
    isTranslationEnabled: z.boolean().optional(),
  })
  .openapi("PatchWorkflowDto");
export type PatchWorkflowInput = z.infer<typeof patchWorkflowBody>;

export const patchStepBody = z
  .object({ controlValues: z.record(z.string(), z.unknown()) })
  .openapi("PatchStepDataDto");

export const syncWorkflowBody = z
  .object({ targetEnvironmentId: z.string().min(1).max(255) })
  .openapi("SyncWorkflowDto");

const previewPayload = z
  .object({
    subscriber: z.record(z.string(), z.unknown()).optional(),
    actor: z.record(z.string(), z.unknown()).optional(),
    payload: z.record(z.string(), z.unknown()).optional(),
    steps: z.record(z.string(), z.unknown()).optional(),
    context: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi("PreviewPayloadDto");
export type PreviewPayload = z.infer<typeof previewPayload>;

export const previewBody = z
  .object({
    controlValues: z.record(z.string(), z.unknown()).optional(),
    previewPayload: previewPayload.optional(),
  })
  .openapi("GeneratePreviewRequestDto");
export type PreviewInput = z.infer<typeof previewBody>;

export const previewResponse = z
  .object({
    previewPayloadExample: previewPayload,
    result: z.object({
      type: z.enum(stepTypes),
      preview: z.record(z.string(), z.unknown()).optional(),
      error: z.object({ message: z.string() }).optional(),
    }),
  })
  .openapi("GeneratePreviewResponseDto");
export type PreviewDto = z.infer<typeof previewResponse>;

export const workflowIdParam = z.object({
  workflowId: z
    .string()
    .min(1)
    .max(255)
    .openapi({ param: { name: "workflowId", in: "path" } }),
});

export const stepParams = workflowIdParam.extend({
  stepId: z
    .string()
    .min(1)
    .max(255)
    .openapi({ param: { name: "stepId", in: "path" } }),
});

export const createWorkflowBody = z
  .object({
    ...workflowFields,
    workflowId: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[a-zA-Z0-9_.:-]+$/, "workflowId may only hold letters, digits, '-', '_', '.' and ':'"),
  })
  .openapi("CreateWorkflowDto");
export type CreateWorkflowInput = z.infer<typeof createWorkflowBody>;

export const updateWorkflowBody = z
  .object({ ...workflowFields, workflowId: z.string().optional(), origin: z.string().optional() })
  .openapi("UpdateWorkflowDto");
export type UpdateWorkflowInput = z.infer<typeof updateWorkflowBody>;

export const listWorkflowsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  offset: z.coerce.number().int().min(0).default(0),
  orderDirection: z.enum(["ASC", "DESC"]).default("DESC"),
  orderBy: z.enum(["createdAt", "updatedAt", "name", "lastTriggeredAt"]).default("createdAt"),
  query: z.string().optional(),
});
export type ListWorkflowsQuery = z.infer<typeof listWorkflowsQuery>;

const preferencesResponse = z.object({
  all: z.object({ enabled: z.boolean(), readOnly: z.boolean() }),
  channels: z.record(z.string(), z.object({ enabled: z.boolean() })),
});

export const stepResponse = z
  .object({
    _id: z.string(),
    stepId: z.string(),
    slug: z.string(),
    name: z.string(),
    type: z.enum(stepTypes),
    origin: z.string(),
    workflowId: z.string(),
    workflowDatabaseId: z.string(),
    controls: z.object({
      values: z.record(z.string(), z.unknown()),
      dataSchema: z.record(z.string(), z.unknown()).optional(),
    }),
    controlValues: z.record(z.string(), z.unknown()),
    variables: z.record(z.string(), z.unknown()),
    issues: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi("StepResponseDto");

export const workflowResponse = z
  .object({
    _id: z.string(),
    workflowId: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string().optional(),
    tags: z.array(z.string()),
    active: z.boolean(),
    validatePayload: z.boolean(),
    payloadSchema: z.record(z.string(), z.unknown()).nullable().optional(),
    isTranslationEnabled: z.boolean(),
    severity: z.enum(severities),
    critical: z.boolean(),
    status: z.enum(["ACTIVE", "INACTIVE", "ERROR"]),
    origin: z.enum(["novu-cloud", "novu-cloud-v1", "external"]),
    preferences: z.object({ user: preferencesResponse.nullable(), default: preferencesResponse }),
    steps: z.array(stepResponse),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastTriggeredAt: z.string().optional(),
  })
  .openapi("WorkflowResponseDto");
export type WorkflowDto = z.infer<typeof workflowResponse>;

export const workflowListItem = z
  .object({
    _id: z.string(),
    workflowId: z.string(),
    slug: z.string(),
    name: z.string(),
    tags: z.array(z.string()),
    status: z.enum(["ACTIVE", "INACTIVE", "ERROR"]),
    origin: z.enum(["novu-cloud", "novu-cloud-v1", "external"]),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastTriggeredAt: z.string().optional(),
    stepTypeOverviews: z.array(z.enum(stepTypes)),
    isTranslationEnabled: z.boolean(),
    steps: z.array(z.object({ slug: z.string(), type: z.enum(stepTypes) })),
  })
  .openapi("WorkflowListResponseDto");
export type WorkflowListItemDto = z.infer<typeof workflowListItem>;
