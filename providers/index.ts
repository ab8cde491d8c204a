import { sendgrid } from "./email/sendgrid";
import type { DeliveryChannel, Provider } from "./types";

const registry: Record<DeliveryChannel, Record<string, Provider>> = {
  email: { sendgrid } as Record<string, Provider>,
  sms: {},
  push: {},
  chat: {},
};

/** The adapter for an integration's provider on a channel, if this platform has one. */
export function providerFor(channel: DeliveryChannel, providerId: string): Provider | undefined {
  return registry[channel][providerId];
}
