/**
 * The one contract every provider adapter implements: turn a rendered message plus an integration's credentials
 * into the provider's documented HTTP request, and its answer into a `SendResult` or a `ProviderError`.
 */

export type DeliveryChannel = "email" | "sms" | "push" | "chat";

export type Attachment = {
  name: string;
  mime: string;
  /** Base64, without a data: prefix. */
  content: string;
  cid?: string;
  disposition?: "inline" | "attachment";
};

export type EmailMessage = {
  to: string[];
  subject: string;
  html: string;
  text?: string;
  from?: { email: string; name?: string };
  replyTo?: string;
  cc?: string[];
  bcc?: string[];
  attachments?: Attachment[];
  headers?: Record<string, string>;
};

export type SmsMessage = { to: string; content: string; from?: string };

export type PushMessage = {
  /** Device tokens (or subscription ids) from the subscriber's credentials for this integration. */
  target: string[];
  title: string;
  content: string;
  data?: Record<string, string>;
  /** Provider-shaped extras (sound, badge, image, …) from `overrides.providers.<id>`. */
  overrides?: Record<string, unknown>;
};

export type ChatMessage = {
  content: string;
  /** The subscriber's webhook URL (Slack, Discord, Teams, Mattermost, …) when the provider posts to one. */
  webhookUrl?: string;
  /** A channel / chat / user id when the provider posts through its API instead. */
  channel?: string;
  /** The subscriber's phone number, for WhatsApp. */
  phone?: string;
};

export type MessageByChannel = { email: EmailMessage; sms: SmsMessage; push: PushMessage; chat: ChatMessage };

/** Novu's `CredentialsDto` fields an integration may hold; each provider reads the ones it needs. */
export type Credentials = Partial<
  Record<
    | "apiKey"
    | "user"
    | "secretKey"
    | "domain"
    | "password"
    | "host"
    | "port"
    | "region"
    | "accountSid"
    | "token"
    | "from"
    | "senderName"
    | "projectName"
    | "applicationId"
    | "clientId"
    | "baseUrl"
    | "webhookUrl"
    | "serviceAccount"
    | "apiToken"
    | "instanceId"
    | "channelId"
    | "phoneNumberIdentification"
    | "accessKey"
    | "senderId"
    | "appSid"
    | "messageProfileId"
    | "apiKeyRequestHeader"
    | "secretKeyRequestHeader"
    | "idPath"
    | "datePath"
    | "authenticateByToken"
    | "authenticationTokenKey"
    | "ipPoolName"
    | "secure"
    | "ignoreTls"
    | "hmac",
    string
  >
>;

export type SendOptions = {
  /** Stable per message: sent where the provider honours one, so a retried send is not delivered twice. */
  idempotencyKey: string;
  /** `overrides.providers.<providerId>`, deep-merged into the request body by the adapter. */
  overrides?: Record<string, unknown>;
  /** Injected in tests and by the delivery consumer (timeouts); defaults to the global fetch. */
  fetch?: typeof fetch;
};

export type SendResult = { id: string; date: string };

export type Provider<C extends DeliveryChannel = DeliveryChannel> = {
  id: string;
  channel: C;
  send(message: MessageByChannel[C], credentials: Credentials, options: SendOptions): Promise<SendResult>;
};

/**
 * A failed send. `retryable` separates what may succeed later (429, 5xx, network, timeout) from what never will
 * (other 4xx, missing credentials); `retryAfterSeconds` carries the provider's `Retry-After`.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly details: { status?: number; retryable: boolean; retryAfterSeconds?: number; providerId: string },
  ) {
    super(message);
    this.name = "ProviderError";
  }
}
