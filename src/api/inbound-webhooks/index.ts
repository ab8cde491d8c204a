import { createRouter } from "../../http/router";
import * as handlers from "./inbound-webhooks.handlers";
import * as routes from "./inbound-webhooks.routes";

export const inboundWebhooksApi = createRouter().openapi(routes.track, handlers.track);
