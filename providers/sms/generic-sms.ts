import { valueAt } from "../../src/engine/path";
import { nowIso, providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";

/**
 * Generic SMS: any HTTP SMS gateway. Posts `{ to, content, sender }` to the integration's URL with its key and
 * secret in the headers the integration names, and reads the message id and date at the configured dot paths.
 */
export const genericSms: Provider<"sms"> = {
  id: "generic-sms",
  channel: "sms",
  async send(message, credentials, options) {
    const { baseUrl, apiKey, apiKeyRequestHeader } = required(
      "generic-sms",
      credentials,
      "baseUrl",
      "apiKey",
      "apiKeyRequestHeader",
    );
    const headers: Record<string, string> = { [apiKeyRequestHeader]: apiKey };
    if (credentials.secretKey && credentials.secretKeyRequestHeader)
      headers[credentials.secretKeyRequestHeader] = credentials.secretKey;
    const response = await providerRequest(
      {
        providerId: "generic-sms",
        url: baseUrl,
        headers,
        body: withOverrides(
          {
            to: message.to,
            content: message.content,
            sender: message.from ?? credentials.from ?? credentials.senderName,
          },
          options.overrides,
        ),
      },
      options,
    );
    const answer: unknown = await response.json().catch(() => ({}));
    const id = valueAt(answer, credentials.idPath ?? "id");
    const date = valueAt(answer, credentials.datePath ?? "date");
    return {
      id: typeof id === "string" || typeof id === "number" ? String(id) : options.idempotencyKey,
      date: typeof date === "string" ? date : nowIso(),
    };
  },
};
