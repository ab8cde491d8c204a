import { nowIso, providerRequest, required, withOverrides } from "../http";
import { type Provider, ProviderError } from "../types";

/**
 * Pushpad create notification, one call to the target uids (https://pushpad.xyz/docs/rest_api, as the official
 * `pushpad` client sends it: Bearer token, POST /api/v1/projects/<id>/notifications). Credentials as Novu maps them:
 * apiKey = the auth token, applicationId = the project id.
 */
export const pushpad: Provider<"push"> = {
  id: "pushpad",
  channel: "push",
  async send(message, credentials, options) {
    const { apiKey, applicationId } = required("pushpad", credentials, "apiKey", "applicationId");
    const response = await providerRequest(
      {
        providerId: "pushpad",
        url: `${credentials.baseUrl ?? "https://pushpad.xyz"}/api/v1/projects/${applicationId}/notifications`,
        headers: { authorization: `Bearer ${apiKey}`, accept: "application/json" },
        body: withOverrides(
          { body: message.content, title: message.title, uids: message.target },
          options.overrides,
        ),
      },
      options,
    );
    // `uids` lists the targets actually subscribed; Pushpad silently skips the others.
    const result = (await response.json()) as { id: number; uids?: string[] };
    if (result.uids && result.uids.length === 0) {
      throw new ProviderError("pushpad: none of the target uids is subscribed", {
        retryable: false,
        providerId: "pushpad",
      });
    }
    return { id: String(result.id), date: nowIso() };
  },
};
