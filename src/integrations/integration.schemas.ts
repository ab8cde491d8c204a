import { z } from "@hono/zod-openapi";
import { channelTypes } from "../workflows/workflow.types";

/** Novu's `CredentialsDto`: every field optional; each provider reads the ones it needs. */
export const credentialsSchema = z
  .object({
    apiKey: z.string(),
    user: z.string(),
    secretKey: z.string(),
    domain: z.string(),
    password: z.string(),
    host: z.string(),
    port: z.string(),
    secure: z.boolean(),
    region: z.string(),
    accountSid: z.string(),
    messageProfileId: z.string(),
    token: z.string(),
    from: z.string(),
    senderName: z.string(),
    projectName: z.string(),
    applicationId: z.string(),
    clientId: z.string(),
    requireTls: z.boolean(),
    ignoreTls: z.boolean(),
    baseUrl: z.string(),
    webhookUrl: z.string(),
    redirectUrl: z.string(),
    hmac: z.boolean(),
    serviceAccount: z.string(),
    ipPoolName: z.string(),
    apiKeyRequestHeader: z.string(),
    secretKeyRequestHeader: z.string(),
    idPath: z.string(),
    datePath: z.string(),
    apiToken: z.string(),
    authenticateByToken: z.boolean(),
    authenticationTokenKey: z.string(),
    instanceId: z.string(),
    alertUid: z.string(),
    title: z.string(),
    imageUrl: z.string(),
    state: z.string(),
    externalLink: z.string(),
    channelId: z.string(),
    phoneNumberIdentification: z.string(),
    accessKey: z.string(),
    appSid: z.string(),
    senderId: z.string(),
    tenantId: z.string(),
  })
  .partial()
  .openapi("CredentialsDto");
export type IntegrationCredentials = z.infer<typeof credentialsSchema>;

const conditions = z.array(z.record(z.string(), z.unknown())).max(20);

const mutableFields = {
  name: z.string().trim().min(1).max(100).optional(),
  identifier: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[a-zA-Z0-9_.:-]+$/, "identifier may only hold letters, digits, '-', '_', '.' and ':'")
    .optional(),
  credentials: credentialsSchema.optional(),
  active: z.boolean().optional(),
  check: z.boolean().optional(),
  conditions: conditions.optional(),
  configurations: z.record(z.string(), z.unknown()).optional(),
  _environmentId: z.string().optional(),
  /** Not in Novu: marks the integration tried when the channel's primary fails for good. */
  fallback: z.boolean().optional(),
};

export const createIntegrationBody = z
  .object({ providerId: z.string().trim().min(1).max(100), channel: z.enum(channelTypes), ...mutableFields })
  .openapi("CreateIntegrationRequestDto");
export type CreateIntegrationInput = z.infer<typeof createIntegrationBody>;

export const updateIntegrationBody = z.object(mutableFields).openapi("UpdateIntegrationRequestDto");
export type UpdateIntegrationInput = z.infer<typeof updateIntegrationBody>;

export const integrationIdParam = z.object({
  integrationId: z
    .string()
    .min(1)
    .openapi({ param: { name: "integrationId", in: "path" } }),
});

export const integrationResponse = z
  .object({
    _id: z.string(),
    _environmentId: z.string(),
    _organizationId: z.string(),
    name: z.string(),
    identifier: z.string(),
    providerId: z.string(),
    channel: z.enum(channelTypes),
    credentials: z.record(z.string(), z.union([z.string(), z.boolean()])),
    configurations: z.record(z.string(), z.unknown()),
    active: z.boolean(),
    deleted: z.boolean(),
    primary: z.boolean(),
    fallback: z.boolean(),
    conditions: conditions,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("IntegrationResponseDto");
export type IntegrationDto = z.infer<typeof integrationResponse>;
