import { z } from "@hono/zod-openapi";

export const resourceTypes = ["workflow", "layout"] as const;
export type ResourceType = (typeof resourceTypes)[number];

/** `en` or `en_US`: a language, optionally with its region, as Novu names locales (and translation files). */
export const localePattern = /^[a-z]{2,3}(_[A-Z]{2})?$/;
export const locale = z
  .string()
  .regex(localePattern, "locale must be a language code, optionally with a region, such as en or en_US");

const resourceType = z.enum(resourceTypes);
const resourceId = z.string().trim().min(1).max(255);
/** D1 stores a value of at most 2 MB: a locale's content is kept well under it. */
export const maxContentBytes = 1_000_000;
export const fitsInRow = (value: unknown) => JSON.stringify(value).length <= maxContentBytes;
const content = z
  .record(z.string(), z.unknown())
  .refine(fitsInRow, `content must be at most ${maxContentBytes} bytes of JSON`);

const pathParam = <T extends z.ZodType>(schema: T, name: string) =>
  schema.openapi({ param: { name, in: "path" } });

export const resourceParams = z.object({
  resourceType: pathParam(resourceType, "resourceType"),
  resourceId: pathParam(resourceId, "resourceId"),
});
export const translationParams = resourceParams.extend({ locale: pathParam(locale, "locale") });

export const createTranslationBody = z
  .object({ resourceId, resourceType, locale, content })
  .openapi("CreateTranslationRequestDto");
export type CreateTranslationInput = z.infer<typeof createTranslationBody>;

export const masterJsonQuery = z.object({ locale: locale.optional() });

const masterJson = z
  .object({
    workflows: z.record(z.string(), z.unknown()).optional(),
    layouts: z.record(z.string(), z.unknown()).optional(),
  })
  .catchall(z.unknown());
export type MasterJson = z.infer<typeof masterJson>;

export const importMasterJsonBody = z.object({ locale, masterJson }).openapi("ImportMasterJsonRequestDto");

const file = z.instanceof(File).openapi({ type: "string", format: "binary" });
const files = z.union([file, z.array(file)]);
export type UploadedFiles = z.infer<typeof files>;

/** Multipart: the SDK sends `files[]`, older clients `files`; both are accepted. Filenames name the locale. */
export const uploadTranslationsForm = z
  .object({
    resourceId,
    resourceType,
    files: files.optional(),
    "files[]": files.optional(),
  })
  .openapi("UploadTranslationsRequestDto");

/** Multipart: one master JSON file named after its locale, e.g. `en_US.json`. */
export const uploadMasterJsonForm = z
  .object({ file: files.optional() })
  .openapi("UploadMasterJsonRequestDto");

export const translationResponse = z
  .object({
    resourceId: z.string(),
    resourceType,
    locale: z.string(),
    content,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("TranslationResponseDto");
export type TranslationDto = z.infer<typeof translationResponse>;

export const translationGroupResponse = z
  .object({
    resourceId: z.string(),
    resourceType,
    resourceName: z.string(),
    locales: z.array(z.string()),
    outdatedLocales: z.array(z.string()).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("TranslationGroupDto");

export const masterJsonResponse = z
  .object({
    workflows: z.record(z.string(), z.unknown()),
    layouts: z.record(z.string(), z.unknown()),
  })
  .openapi("GetMasterJsonResponseDto");

export const importMasterJsonResponse = z
  .object({
    success: z.boolean(),
    message: z.string(),
    successful: z.array(z.string()).optional(),
    failed: z.array(z.string()).optional(),
  })
  .openapi("ImportMasterJsonResponseDto");
export type ImportResult = z.infer<typeof importMasterJsonResponse>;

export const uploadTranslationsResponse = z
  .object({
    totalFiles: z.number(),
    successfulUploads: z.number(),
    failedUploads: z.number(),
    errors: z.array(z.string()),
  })
  .openapi("UploadTranslationsResponseDto");
export type UploadResult = z.infer<typeof uploadTranslationsResponse>;
