import type { Credentials, MessageByChannel } from "../../providers/types";
import type { IntegrationRow, SubscriberChannel } from "../db/schema";
import type { IntegrationCredentials } from "../integrations/integration.schemas";
import type { DeliveryJob } from "./delivery.types";

export type BuildResult<C extends keyof MessageByChannel> =
  | { ok: true; message: MessageByChannel[C] }
  | { ok: false; reason: string };

/** The subscriber's credentials for this integration: an exact identifier match wins over a provider match. */
function channelFor(
  channels: SubscriberChannel[],
  integration: IntegrationRow,
): SubscriberChannel | undefined {
  return (
    channels.find((c) => c.integrationIdentifier === integration.identifier) ??
    channels.find((c) => c.providerId === integration.providerId && !c.integrationIdentifier)
  );
}

/**
 * Turns a rendered job into the message one provider adapter takes, or says (in Novu's words) why this subscriber
 * cannot be reached through this integration.
 */
export function buildProviderMessage(
  job: DeliveryJob,
  integration: IntegrationRow,
  credentials: IntegrationCredentials,
): BuildResult<DeliveryJob["channel"]> {
  switch (job.channel) {
    case "email":
      if (!job.recipient.email) return { ok: false, reason: "Subscriber does not have an email address" };
      return {
        ok: true,
        message: {
          to: [job.recipient.email],
          subject: job.content.subject ?? "",
          html: job.content.body,
          ...(credentials.from ? { from: { email: credentials.from, name: credentials.senderName } } : {}),
        },
      };
    case "sms":
      if (!job.recipient.phone) return { ok: false, reason: "Subscriber is missing a phone number" };
      return {
        ok: true,
        message: { to: job.recipient.phone, content: job.content.body, from: credentials.from },
      };
    case "push": {
      const tokens = channelFor(job.recipient.channels, integration)?.credentials.deviceTokens ?? [];
      if (tokens.length === 0) return { ok: false, reason: "Subscriber does not have a configured channel" };
      return {
        ok: true,
        message: {
          target: tokens,
          title: job.content.subject ?? "",
          content: job.content.body,
          data: job.content.data,
        },
      };
    }
    case "chat": {
      const settings = channelFor(job.recipient.channels, integration)?.credentials;
      const webhookUrl = settings?.webhookUrl;
      if (!webhookUrl && !settings?.channel && !job.recipient.phone) {
        return { ok: false, reason: "Webhook URL for the chat channel is missing" };
      }
      return {
        ok: true,
        message: {
          content: job.content.body,
          webhookUrl,
          channel: settings?.channel,
          phone: job.recipient.phone ?? undefined,
        },
      };
    }
  }
}

/** Adapters read credentials as strings; the few switches Novu stores as booleans arrive as "true"/"false". */
export function providerCredentials(credentials: IntegrationCredentials): Credentials {
  return Object.fromEntries(
    Object.entries(credentials).map(([key, value]) => [
      key,
      typeof value === "boolean" ? String(value) : value,
    ]),
  ) as Credentials;
}
