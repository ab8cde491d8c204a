import { z } from "@hono/zod-openapi";
import { expectedDnsRecord, routeType } from "./domain.schemas";

export const diagnosticCode = z.enum([
  "mx_missing",
  "mx_wrong_target",
  "mx_low_priority",
  "apex_cname_collision",
  "dnsbl_listed",
]);
export type DiagnosticCode = z.infer<typeof diagnosticCode>;

const diagnosticCheck = z
  .object({
    code: diagnosticCode,
    status: z.enum(["pass", "fail", "skipped"]),
    latencyMs: z.number().openapi({ description: "Time the check's DNS lookups took, in milliseconds" }),
  })
  .openapi("DomainDiagnosticCheckDto");
export type DiagnosticCheck = z.infer<typeof diagnosticCheck>;

const diagnosticIssue = z
  .object({
    code: diagnosticCode,
    severity: z.enum(["warn", "error"]),
    message: z.string(),
    fix: z.string().openapi({ description: "Plain-language remediation guidance" }),
  })
  .openapi("DomainDiagnosticIssueDto");
export type DiagnosticIssue = z.infer<typeof diagnosticIssue>;

export const diagnoseResponse = z
  .object({
    ok: z.boolean().openapi({ description: "True when there are no error-severity issues" }),
    runAt: z.string(),
    checks: z.array(diagnosticCheck),
    issues: z.array(diagnosticIssue),
  })
  .openapi("DiagnoseDomainResponseDto");
export type DiagnoseDto = z.infer<typeof diagnoseResponse>;

export const domainConnectReason = z.enum([
  "disabled",
  "discovery_not_configured",
  "unsupported_provider",
  "incomplete_configuration",
  "provider_settings_unavailable",
  "untrusted_provider_flow",
  "template_not_onboarded",
]);
export type DomainConnectReason = z.infer<typeof domainConnectReason>;

export const domainConnectStatusResponse = z
  .object({
    available: z.boolean(),
    providerName: z.string().optional(),
    providerId: z.string().optional(),
    reason: z.string().optional(),
    reasonCode: domainConnectReason.optional(),
    manualRecords: z.array(expectedDnsRecord),
  })
  .openapi("DomainConnectStatusResponseDto");
export type DomainConnectStatusDto = z.infer<typeof domainConnectStatusResponse>;

export const applyUrlBody = z
  .object({
    redirectUri: z
      .url({ protocol: /^https?$/ })
      .optional()
      .openapi({
        description: "Where the DNS provider sends the user back; same origin as the configured one",
      }),
  })
  .openapi("CreateDomainConnectApplyUrlDto");

export const applyUrlResponse = z
  .object({ applyUrl: z.string(), providerName: z.string(), redirectUri: z.string() })
  .openapi("DomainConnectApplyUrlResponseDto");
export type ApplyUrlDto = z.infer<typeof applyUrlResponse>;

export const testRouteBody = z
  .object({
    from: z.object({ address: z.email(), name: z.string().max(200).optional() }),
    subject: z.string().max(998),
    text: z.string().optional(),
    html: z.string().optional(),
    dryRun: z.boolean().optional().openapi({
      description: "Return what would be delivered, without calling outbound webhooks or the agent",
    }),
  })
  .openapi("TestDomainRouteDto");
export type TestRouteInput = z.infer<typeof testRouteBody>;

export const webhookResult = z
  .object({
    skipped: z.boolean().optional().openapi({
      description: "True when no outbound webhook endpoint of this environment takes `email.received` events",
    }),
    latencyMs: z.number(),
    deliveries: z
      .array(
        z.object({
          endpointId: z.string(),
          url: z.string(),
          httpStatus: z.number().optional(),
          error: z.string().optional(),
        }),
      )
      .optional()
      .openapi({ description: "Each endpoint's answer (not part of Novu's DTO)" }),
  })
  .openapi("TestDomainRouteWebhookResultDto");
export type WebhookResult = z.infer<typeof webhookResult>;

export const agentResult = z
  .object({
    agentId: z.string(),
    httpStatus: z.number(),
    agentReply: z.record(z.string(), z.unknown()).optional(),
    latencyMs: z.number(),
  })
  .openapi("TestDomainRouteAgentResultDto");
export type AgentResult = z.infer<typeof agentResult>;

export const testRouteResponse = z
  .object({
    matched: z.boolean(),
    dryRun: z.boolean(),
    domainStatus: z.enum(["pending", "verified"]).optional(),
    mxRecordConfigured: z.boolean().optional(),
    type: routeType.optional(),
    wouldDeliverTo: z.string().optional(),
    payload: z.record(z.string(), z.unknown()).optional(),
    webhook: webhookResult.optional(),
    agent: agentResult.optional(),
  })
  .openapi("TestDomainRouteResponseDto");
export type TestRouteDto = z.infer<typeof testRouteResponse>;
