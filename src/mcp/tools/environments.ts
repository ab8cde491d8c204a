import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { listEnvironments, toEnvironmentDto } from "../../environments/environment.service";
import { guard, ok, readOnly, type ToolContext } from "../tool-kit";

export function registerEnvironmentTools(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "get_api_key_status",
    {
      title: "API key status",
      description:
        "Check that the API key is valid and which environment (Development, Production …) it acts on. Every other tool is scoped to this environment.",
      annotations: readOnly,
    },
    () =>
      guard(async () => {
        const { tenant } = ctx;
        const environment = {
          _id: tenant.id,
          name: tenant.name,
          type: tenant.type,
          identifier: tenant.identifier,
          _organizationId: tenant.organizationId,
        };
        return ok(`The API key is valid for the ${tenant.name} environment (${tenant.identifier}).`, {
          valid: true,
          environment,
        });
      }),
  );

  server.registerTool(
    "get_environments",
    {
      title: "List environments",
      description:
        "List the organization's environments (e.g. Development and Production) with their application identifiers. API keys are masked.",
      annotations: readOnly,
    },
    () =>
      guard(async () => {
        const environments = (await listEnvironments(ctx.env, ctx.db, ctx.tenant)).map(toEnvironmentDto);
        const names = environments.map((e) => `${e.name} (${e.identifier})`);
        return ok(`${environments.length} environments: ${names.join(", ")}.`, { environments });
      }),
  );
}
