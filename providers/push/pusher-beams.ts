import { nowIso, providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";

/**
 * Pusher Beams publish to authenticated users, one call for every target user id, with an APNs, FCM and web payload:
 * https://pusher.com/docs/beams/reference/publish-api (credentials: instanceId, secretKey as Bearer).
 */
export const pusherBeams: Provider<"push"> = {
  id: "pusher-beams",
  channel: "push",
  async send(message, credentials, options) {
    const { instanceId, secretKey } = required("pusher-beams", credentials, "instanceId", "secretKey");
    const notification = { title: message.title, body: message.content };
    const data = message.data ? { data: message.data } : {};
    const base = credentials.baseUrl ?? `https://${instanceId}.pushnotifications.pusher.com`;
    const response = await providerRequest(
      {
        providerId: "pusher-beams",
        url: `${base}/publish_api/v1/instances/${instanceId}/publishes/users`,
        headers: { authorization: `Bearer ${secretKey}` },
        body: withOverrides(
          {
            users: message.target,
            apns: { aps: { alert: notification } },
            fcm: { notification, ...data },
            web: { notification, ...data },
          },
          options.overrides,
        ),
      },
      options,
    );
    const { publishId } = (await response.json()) as { publishId: string };
    return { id: publishId, date: nowIso() };
  },
};
