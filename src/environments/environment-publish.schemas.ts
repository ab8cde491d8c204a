import { z } from "@hono/zod-openapi";

export const targetEnvironmentParam = z.object({
  targetEnvironmentId: z
    .string()
    .min(1)
    .max(255)
    .openapi({ param: { name: "targetEnvironmentId", in: "path" } }),
});

/**
 * `@novu/api` types `resourceType` with its `REGULAR | ECHO | BRIDGE` enum and refuses anything else, so a
 * dashboard workflow is `REGULAR` and a code-first one `BRIDGE`.
 */
export const resourceType = z.enum(["REGULAR", "BRIDGE"]);
export type ResourceType = z.infer<typeof resourceType>;

/** What the resource is, which `resourceType` cannot say for the SDK's sake. */
const resourceKind = z.enum(["workflow", "layout", "translation"]);

export const diffBody = z
  .object({ sourceEnvironmentId: z.string().min(1).max(255).optional() })
  .openapi("DiffEnvironmentRequestDto");

export const publishBody = z
  .object({
    sourceEnvironmentId: z.string().min(1).max(255).optional(),
    dryRun: z.boolean().optional(),
    resources: z
      .array(z.object({ resourceType: z.string(), resourceId: z.string().min(1).max(255) }))
      .max(500)
      .optional(),
  })
  .openapi("PublishEnvironmentRequestDto");
export type PublishInput = z.infer<typeof publishBody>;

const resourceRef = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

const summary = z.object({
  added: z.number(),
  modified: z.number(),
  deleted: z.number(),
  unchanged: z.number(),
});

export const diffAction = z.enum(["added", "modified", "deleted", "unchanged"]);
export type DiffAction = z.infer<typeof diffAction>;

export const resourceDiff = z.object({
  resourceType,
  resourceKind,
  sourceResource: resourceRef.nullable(),
  targetResource: resourceRef.nullable(),
  changes: z.array(
    z.object({
      resourceType,
      action: diffAction,
      sourceResource: resourceRef.nullable(),
      targetResource: resourceRef.nullable(),
    }),
  ),
  summary,
});
export type ResourceDiff = z.infer<typeof resourceDiff>;

export const diffResponse = z
  .object({
    sourceEnvironmentId: z.string(),
    targetEnvironmentId: z.string(),
    resources: z.array(resourceDiff),
    summary: z.object({ totalEntities: z.number(), totalChanges: z.number(), hasChanges: z.boolean() }),
  })
  .openapi("DiffEnvironmentResponseDto");
export type DiffDto = z.infer<typeof diffResponse>;

const resourceOutcome = { resourceType, resourceKind, resourceId: z.string(), resourceName: z.string() };

export const publishResponse = z
  .object({
    results: z.array(
      z.object({
        resourceType,
        successful: z.array(
          z.object({ ...resourceOutcome, action: z.enum(["created", "updated", "deleted", "skipped"]) }),
        ),
        failed: z.array(z.object({ ...resourceOutcome, error: z.string() })),
        skipped: z.array(z.object({ ...resourceOutcome, reason: z.string() })),
        totalProcessed: z.number(),
      }),
    ),
    summary: z.object({
      resources: z.number(),
      successful: z.number(),
      failed: z.number(),
      skipped: z.number(),
    }),
  })
  .openapi("PublishEnvironmentResponseDto");
export type PublishDto = z.infer<typeof publishResponse>;
