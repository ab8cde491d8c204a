import { type ChatMessage, ProviderError } from "../types";

const what = {
  webhookUrl: "webhook URL",
  channel: "channel / chat id",
  phone: "phone number",
  content: "content",
};

/** The subscriber-side address a chat provider cannot send without; its absence is a permanent failure. */
export function fromSubscriber(providerId: string, message: ChatMessage, key: keyof ChatMessage): string {
  const value = message[key];
  if (!value) {
    throw new ProviderError(`${providerId}: the subscriber has no ${what[key]}`, {
      retryable: false,
      providerId,
    });
  }
  return value;
}
