import type { Provider } from "../types";
import { apns } from "./apns";
import { expo } from "./expo";
import { fcm } from "./fcm";
import { oneSignal } from "./one-signal";
import { pushWebhook } from "./push-webhook";
import { pusherBeams } from "./pusher-beams";
import { pushpad } from "./pushpad";

/** Every push adapter, keyed by Novu's provider id. */
export const pushProviders: Record<string, Provider<"push">> = Object.fromEntries(
  [fcm, apns, expo, oneSignal, pushpad, pusherBeams, pushWebhook].map((p) => [p.id, p]),
);
