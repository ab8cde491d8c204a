import { LiquidError } from "liquidjs";
import { z } from "zod";
import type { Render } from "../templates/liquid";
import { StepContentError } from "./in-app";

/** The content controls of the external channel steps, as Novu's `<Channel>ControlDto`s define them. */
const controlsByChannel = {
  email: z.object({
    subject: z.string().min(1, "An email step needs a subject"),
    body: z.string().default(""),
  }),
  sms: z.object({ body: z.string().min(1, "An sms step needs a body") }),
  push: z.object({ subject: z.string().default(""), body: z.string().min(1, "A push step needs a body") }),
  chat: z.object({ body: z.string().min(1, "A chat step needs a body") }),
} as const;

export type ExternalChannel = keyof typeof controlsByChannel;
export type ChannelContent = { subject?: string; body: string };

export function isExternalChannel(type: string): type is ExternalChannel {
  return type in controlsByChannel;
}

/** Turns an email, sms, push or chat step's controls (rendered by `render`) into the content its provider sends. */
export async function renderChannelContent(
  channel: ExternalChannel,
  controlValues: Record<string, unknown>,
  render: Render,
): Promise<ChannelContent> {
  const parsed = controlsByChannel[channel].safeParse(controlValues);
  if (!parsed.success)
    throw new StepContentError(parsed.error.issues[0]?.message ?? `Invalid ${channel} controls`);
  try {
    const rendered: ChannelContent = await render(parsed.data);
    return rendered;
  } catch (error) {
    if (error instanceof LiquidError) throw new StepContentError(error.message);
    throw error;
  }
}
