import { z } from "@hono/zod-openapi";

const key = z
  .string()
  .min(1)
  .max(256)
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    "key must start with a letter or '_' and hold only letters, digits and '_'",
  );

/** On the wire a value names its environment `_environmentId`, as Novu's DTOs do. */
const value = z.object({ _environmentId: z.string().min(1).max(255), value: z.string().max(10_000) });

export const variableKeyParam = z.object({
  variableKey: z
    .string()
    .min(1)
    .max(256)
    .openapi({ param: { name: "variableKey", in: "path" } }),
});

export const listVariablesQuery = z.object({ search: z.string().max(256).optional() });

export const createVariableBody = z
  .object({
    key,
    type: z.literal("string").optional(),
    isSecret: z.boolean().optional(),
    values: z.array(value).max(50).optional(),
  })
  .openapi("CreateEnvironmentVariableRequestDto");
export type CreateVariableInput = z.infer<typeof createVariableBody>;

export const updateVariableBody = z
  .object({
    key: key.optional(),
    type: z.literal("string").optional(),
    isSecret: z.boolean().optional(),
    values: z.array(value).max(50).optional(),
  })
  .openapi("UpdateEnvironmentVariableRequestDto");
export type UpdateVariableInput = z.infer<typeof updateVariableBody>;

export const variableResponse = z
  .object({
    _id: z.string(),
    _organizationId: z.string(),
    key: z.string(),
    type: z.literal("string"),
    isSecret: z.boolean(),
    values: z.array(z.object({ _environmentId: z.string(), value: z.string() })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("EnvironmentVariableResponseDto");
export type VariableDto = z.infer<typeof variableResponse>;

export const variableUsageResponse = z
  .object({ workflows: z.array(z.object({ name: z.string(), workflowId: z.string() })) })
  .openapi("GetEnvironmentVariableUsageResponseDto");
