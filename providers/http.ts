import { type Credentials, type EmailMessage, ProviderError, type SendOptions } from "./types";

type JsonRequest = {
  providerId: string;
  url: string;
  method?: "POST" | "PUT";
  headers?: Record<string, string>;
  /** A JSON body, or a `URLSearchParams`/`FormData` for providers that take forms. */
  body: unknown;
};

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function errorText(response: Response): Promise<string> {
  const text = await response.text();
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}

/**
 * Sends one provider request and classifies the outcome: 2xx returns the response, 429/5xx and network failures
 * throw a retryable `ProviderError`, any other status a permanent one carrying the provider's own error text.
 */
export async function providerRequest(request: JsonRequest, options: SendOptions): Promise<Response> {
  const doFetch = options.fetch ?? fetch;
  const isForm = request.body instanceof URLSearchParams || request.body instanceof FormData;
  const headers: Record<string, string> = isForm
    ? { ...request.headers }
    : { "content-type": "application/json", ...request.headers };
  let response: Response;
  try {
    response = await doFetch(request.url, {
      method: request.method ?? "POST",
      headers,
      body: isForm ? (request.body as URLSearchParams | FormData) : JSON.stringify(request.body),
    });
  } catch (error) {
    throw new ProviderError(
      `${request.providerId}: ${error instanceof Error ? error.message : String(error)}`,
      {
        retryable: true,
        providerId: request.providerId,
      },
    );
  }
  if (response.ok) return response;
  const retryable = response.status === 429 || response.status >= 500;
  throw new ProviderError(`${request.providerId} answered ${response.status}: ${await errorText(response)}`, {
    status: response.status,
    retryable,
    retryAfterSeconds: retryable ? retryAfter(response.headers.get("retry-after")) : undefined,
    providerId: request.providerId,
  });
}

/** Fails fast, and permanently, when an integration lacks a credential the provider cannot work without. */
export function required<K extends keyof Credentials>(
  providerId: string,
  credentials: Credentials,
  ...keys: K[]
): { [P in K]: string } {
  const found: Partial<Record<K, string>> = {};
  const missing: K[] = [];
  for (const key of keys) {
    const value = credentials[key];
    if (value) found[key] = value;
    else missing.push(key);
  }
  if (missing.length > 0) {
    throw new ProviderError(`${providerId}: missing credential(s) ${missing.join(", ")}`, {
      retryable: false,
      providerId,
    });
  }
  return found as { [P in K]: string };
}

/** Deep-merges `overrides` into a request body; arrays and scalars in `overrides` replace, objects merge. */
export function withOverrides<T extends Record<string, unknown>>(
  body: T,
  overrides?: Record<string, unknown>,
): T {
  if (!overrides) return body;
  const merged: Record<string, unknown> = { ...body };
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? withOverrides(current, value) : value;
  }
  return merged as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function nowIso(): string {
  return new Date().toISOString();
}

export { hmacSha256Hex } from "../src/lib/crypto";

/** The `From` header value: the message's sender, else the integration's, as `Name <address>` when named. */
export function fromHeader(message: EmailMessage, credentials: Credentials, defaultFrom: string): string {
  const address = message.from?.email ?? defaultFrom;
  const name = message.from?.name ?? credentials.senderName;
  return name ? `${name} <${address}>` : address;
}
