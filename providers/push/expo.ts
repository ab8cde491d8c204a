import { nowIso, providerRequest, withOverrides } from "../http";
import { type Provider, ProviderError } from "../types";

type Ticket = { status: "ok" | "error"; id?: string; message?: string };

/** Expo push: https://docs.expo.dev/push-notifications/sending-notifications/#http2-api */
export const expo: Provider<"push"> = {
  id: "expo",
  channel: "push",
  async send(message, credentials, options) {
    const body = message.target.map((to) =>
      withOverrides(
        { to, title: message.title, body: message.content, data: message.data ?? {} },
        options.overrides,
      ),
    );
    const response = await providerRequest(
      {
        providerId: "expo",
        url: `${credentials.baseUrl ?? "https://exp.host"}/--/api/v2/push/send`,
        headers: {
          accept: "application/json",
          ...(credentials.apiKey ? { authorization: `Bearer ${credentials.apiKey}` } : {}),
        },
        body,
      },
      options,
    );
    const { data } = (await response.json()) as { data: Ticket[] };
    const delivered = data.find((ticket) => ticket.status === "ok" && ticket.id);
    if (!delivered) {
      throw new ProviderError(`expo rejected every device: ${data.map((t) => t.message).join("; ")}`, {
        retryable: false,
        providerId: "expo",
      });
    }
    return { id: delivered.id ?? options.idempotencyKey, date: nowIso() };
  },
};
