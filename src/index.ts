import { createApp } from "./app";
import { consumeDeliveries } from "./delivery/deliveries-consumer";
import type { DeliveryJob } from "./delivery/delivery.types";

export { SubscriberDO } from "../durable-objects/subscriber";

const app = createApp();

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    await consumeDeliveries(batch as MessageBatch<DeliveryJob>, env);
  },
} satisfies ExportedHandler<Env, DeliveryJob>;
