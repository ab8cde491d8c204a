import { z } from "@hono/zod-openapi";

export const editorTypes = ["html", "block"] as const;

const layoutIdentifier = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[a-zA-Z0-9_.:-]+$/, "layoutId may only hold letters, digits, '-', '_', '.' and ':'");

export const emailControls = z
  .object({
    body: z.string().max(500_000),
    editorType: z.enum(editorTypes),
  })
  .openapi("EmailControlsDto");

export const layoutIdParam = z.object({
  layoutId: z
    .string()
    .min(1)
    .max(255)
    .openapi({ param: { name: "layoutId", in: "path" } }),
});

export const createLayoutBody = z
  .object({
    layoutId: layoutIdentifier,
    name: z.string().trim().min(1).max(200),
    isTranslationEnabled: z.boolean().optional(),
    __source: z.string().optional(),
  })
  .openapi("CreateLayoutDto");
export type CreateLayoutInput = z.infer<typeof createLayoutBody>;

export const updateLayoutBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    isTranslationEnabled: z.boolean().optional(),
    /** Omitted: unchanged. `null`: stored control values are cleared. */
    controlValues: z.object({ email: emailControls.optional() }).nullable().optional(),
  })
  .openapi("UpdateLayoutDto");
export type UpdateLayoutInput = z.infer<typeof updateLayoutBody>;

export const duplicateLayoutBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    layoutId: layoutIdentifier.optional(),
    isTranslationEnabled: z.boolean().optional(),
  })
  .openapi("DuplicateLayoutDto");
export type DuplicateLayoutInput = z.infer<typeof duplicateLayoutBody>;

export const previewLayoutBody = z
  .object({
    controlValues: z.record(z.string(), z.unknown()).optional(),
    previewPayload: z.object({ subscriber: z.record(z.string(), z.unknown()).optional() }).optional(),
  })
  .openapi("LayoutPreviewRequestDto");
export type PreviewLayoutInput = z.infer<typeof previewLayoutBody>;

export const listLayoutsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  orderDirection: z.enum(["ASC", "DESC"]).default("DESC"),
  orderBy: z.enum(["createdAt", "updatedAt", "name"]).default("createdAt"),
  query: z.string().max(200).optional(),
});
export type ListLayoutsQuery = z.infer<typeof listLayoutsQuery>;

export const layoutResponse = z
  .object({
    _id: z.string(),
    layoutId: z.string(),
    slug: z.string(),
    name: z.string(),
    isDefault: z.boolean(),
    isTranslationEnabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    origin: z.enum(["novu-cloud", "novu-cloud-v1", "external"]),
    type: z.enum(["REGULAR", "ECHO", "BRIDGE"]),
    controls: z.object({
      dataSchema: z.record(z.string(), z.unknown()).optional(),
      values: z.object({ email: emailControls.optional() }),
    }),
  })
  .openapi("LayoutResponseDto");
export type LayoutDto = z.infer<typeof layoutResponse>;

export const listLayoutsResponse = z
  .object({ layouts: z.array(layoutResponse), totalCount: z.number() })
  .openapi("ListLayoutResponseDto");

export const layoutPreviewResponse = z
  .object({
    previewPayloadExample: z.object({ subscriber: z.record(z.string(), z.unknown()).optional() }),
    result: z.object({
      type: z.literal("email"),
      preview: z.object({ body: z.string() }).optional(),
    }),
  })
  .openapi("GenerateLayoutPreviewResponseDto");
export type LayoutPreviewDto = z.infer<typeof layoutPreviewResponse>;

export const layoutUsageResponse = z
  .object({ workflows: z.array(z.object({ name: z.string(), workflowId: z.string() })) })
  .openapi("GetLayoutUsageResponseDto");
