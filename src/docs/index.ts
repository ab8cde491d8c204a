import { Scalar } from "@scalar/hono-api-reference";
import type { AppEnv } from "../app-env";

/** The interactive API reference: Scalar's page (its script comes from Scalar's CDN) reading /openapi.json. */
export const apiReference = Scalar<AppEnv>({
  url: "/openapi.json",
  pageTitle: "novu-edge API reference",
  // Requests sent from the page carry `Authorization: ApiKey <secret key>`, as the server API expects.
  authentication: { preferredSecurityScheme: "secretKey" },
});
