import { createApp } from "./app";

export { SubscriberDO } from "../durable-objects/subscriber";

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
