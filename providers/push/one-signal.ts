import { nowIso, providerRequest, required, withOverrides } from "../http";
import { type Provider, ProviderError } from "../types";
import { uuidFor } from "./uuid";

/**
 * OneSignal create message (push): one multicast call to the subscription (player) ids, `Authorization: Key`
 * (https://documentation.onesignal.com/reference/rest-api-overview); `idempotency_key` makes a retried send return
 * the first notification (https://documentation.onesignal.com/reference/idempotent-notification-requests).
 * Credentials as Novu maps them: apiKey = the App API key, applicationId = the OneSignal app id.
 */
export const oneSignal: Provider<"push"> = {
  id: "one-signal",
  channel: "push",
  async send(message, credentials, options) {
    const { apiKey, applicationId } = required("one-signal", credentials, "apiKey", "applicationId");
    const body = withOverrides(
      {
        app_id: applicationId,
        target_channel: "push",
        include_subscription_ids: message.target,
        headings: { en: message.title },
        contents: { en: message.content },
        ...(message.data ? { data: message.data } : {}),
        idempotency_key: await uuidFor(options.idempotencyKey),
      },
      options.overrides,
    );
    const response = await providerRequest(
      {
        providerId: "one-signal",
        url: `${credentials.baseUrl ?? "https://api.onesignal.com"}/notifications`,
        headers: { authorization: `Key ${apiKey}` },
        body,
      },
      options,
    );
    // OneSignal answers 200 with an empty id when no subscription could be reached, the reasons in `errors`.
    const result = (await response.json()) as { id?: string; errors?: unknown };
    if (!result.id) {
      throw new ProviderError(`one-signal reached no device: ${JSON.stringify(result.errors ?? null)}`, {
        retryable: false,
        providerId: "one-signal",
      });
    }
    return { id: result.id, date: nowIso() };
  },
};
