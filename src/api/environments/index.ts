import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, dataOf, json } from "../../http/responses";
import { createRouter } from "../../http/router";

const currentEnvironment = createRoute({
  method: "get",
  path: "/v1/environments/me",
  tags: ["Environments"],
  summary: "The environment the API key belongs to",
  responses: {
    200: json(
      dataOf(
        z.object({
          _id: z.string(),
          name: z.string(),
          _organizationId: z.string(),
          identifier: z.string(),
          type: z.enum(["dev", "prod"]),
        }),
      ),
      "The current environment",
    ),
    ...commonErrors,
  },
});

/** Answers from the authenticated key alone: the cheapest authenticated route, and the benchmarks' baseline. */
export const environmentsApi = createRouter().openapi(currentEnvironment, (c) => {
  const tenant = c.get("tenant");
  return c.json(
    {
      data: {
        _id: tenant.id,
        name: tenant.name,
        _organizationId: tenant.organizationId,
        identifier: tenant.identifier,
        type: tenant.type,
      },
    },
    200,
  );
});
