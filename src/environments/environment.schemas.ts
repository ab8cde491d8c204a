import { z } from "@hono/zod-openapi";

export const environmentIdParam = z.object({
  environmentId: z
    .string()
    .min(1)
    .openapi({ param: { name: "environmentId", in: "path" } }),
});

export const createEnvironmentBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    color: z.string().regex(/^#[0-9a-fA-F]{3,8}$/, "color must be a hex colour such as #3366ff"),
    parentId: z.string().optional(),
  })
  .openapi("CreateEnvironmentRequestDto");
export type CreateEnvironmentInput = z.infer<typeof createEnvironmentBody>;

export const updateEnvironmentBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    identifier: z
      .string()
      .trim()
      .min(3)
      .max(100)
      .regex(/^[a-zA-Z0-9_-]+$/)
      .optional(),
    parentId: z.string().optional(),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{3,8}$/)
      .optional(),
    dns: z.object({ inboundParseDomain: z.string().optional() }).optional(),
    bridge: z.object({ url: z.url().optional() }).optional(),
  })
  .openapi("UpdateEnvironmentRequestDto");
export type UpdateEnvironmentInput = z.infer<typeof updateEnvironmentBody>;

const apiKey = z.object({ key: z.string(), _userId: z.string() });

export const environmentResponse = z
  .object({
    _id: z.string(),
    name: z.string(),
    _organizationId: z.string(),
    identifier: z.string(),
    type: z.enum(["dev", "prod"]),
    apiKeys: z.array(apiKey),
    _parentId: z.string().optional(),
    slug: z.string(),
    color: z.string().optional(),
    bridge: z.object({ url: z.string() }).optional(),
  })
  .openapi("EnvironmentResponseDto");
export type EnvironmentDto = z.infer<typeof environmentResponse>;
export const apiKeysResponse = z.array(apiKey);
