import { createApp } from "./app";
import { consumeDeliveries, type DeliveriesMessage } from "./delivery/deliveries-consumer";
import { handleInboundEmail } from "./domains/inbound-email";
import { consumeFanout } from "./fanout/fanout";
import type { FanoutJob } from "./fanout/fanout.types";

export { IdempotencyDO } from "../durable-objects/idempotency";
export { SubscriberDO } from "../durable-objects/subscriber";

const app = createApp();

export default {
  fetch: app.fetch,
  email: handleInboundEmail,
  /** Queues are told apart by name; wrangler.toml binds `novu-fanout` and `novu-deliveries` to this Worker. */
  async queue(batch, env) {
    if (batch.queue.startsWith("novu-fanout")) await consumeFanout(batch as MessageBatch<FanoutJob>, env);
    else await consumeDeliveries(batch as MessageBatch<DeliveriesMessage>, env);
  },
} satisfies ExportedHandler<Env, DeliveriesMessage | FanoutJob>;
