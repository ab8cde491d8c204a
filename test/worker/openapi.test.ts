import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { call } from "./fixtures";

type Schema = Record<string, unknown>;
type Content = Record<string, { schema?: Schema }>;
type Operation = {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Content };
  responses?: Record<string, { content?: Content }>;
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

/** Served by the Worker without being part of the API surface the document describes. */
const notApi = new Set(["GET /v1/health-check"]);
/** Success answers that carry no body, besides 204s: Novu answers these with an empty 200. */
const emptySuccess = new Set(["DELETE /v1/environments/{environmentId}"]);
/** Pages a browser lands on, not API answers: the chat OAuth callback closes the provider's window (HTML). */
const htmlSuccess = new Set(["GET /v1/integrations/chat/oauth/callback"]);
const isApi = (route: string) => /^[A-Z]+ \/v[12]\//.test(route) && !notApi.has(route);

async function openApiDocument(): Promise<Document> {
  const response = await call("/openapi.json");
  expect(response.status).toBe(200);
  return response.json<Document>();
}

/** Every method + path the router knows, in OpenAPI's `{param}` form; `ALL` entries are middleware. */
function servedRoutes(): string[] {
  const routes = createApp()
    .routes.filter((route) => route.method !== "ALL")
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, "{$1}")}`);
  return [...new Set(routes)];
}

const documentedRoutes = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );

const jsonSchema = (content: Content | undefined) => content?.["application/json"]?.schema;
/** JSON, or multipart for the upload routes: whichever media types are declared, each has its schema. */
const hasSchemas = (content: Content | undefined) =>
  content !== undefined &&
  Object.keys(content).length > 0 &&
  Object.values(content).every((media) => media.schema !== undefined);

describe("GET /openapi.json", () => {
  it("documents exactly the /v1 and /v2 routes the router serves", async () => {
    const doc = await openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    const served = servedRoutes().filter(isApi);
    expect(served.length).toBeGreaterThan(100);
    // Each list names what is missing from the other, so a failure says which route to fix.
    expect(served.filter((route) => !documentedRoutes(doc).includes(route))).toEqual([]);
    expect(documentedRoutes(doc).filter((route) => !served.includes(route))).toEqual([]);
  });

  it("gives every operation its path parameters, request schemas and JSON response schemas", async () => {
    const doc = await openApiDocument();
    const problems: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries(operations)) {
        const route = `${method.toUpperCase()} ${path}`;
        const parameters = operation.parameters ?? [];
        for (const name of pathParams) {
          if (!parameters.some((p) => p.in === "path" && p.name === name && p.schema))
            problems.push(`${route}: path parameter ${name} undocumented`);
        }
        for (const p of parameters.filter((p) => !p.schema))
          problems.push(`${route}: ${p.in} parameter ${p.name} has no schema`);
        if (operation.requestBody && !hasSchemas(operation.requestBody.content))
          problems.push(`${route}: request body without a schema`);
        const responses = Object.entries(operation.responses ?? {});
        const success = responses.filter(([status]) => status.startsWith("2"));
        if (success.length === 0) problems.push(`${route}: no success response`);
        for (const [status, response] of success) {
          if (htmlSuccess.has(route)) {
            if (!response.content?.["text/html"]?.schema)
              problems.push(`${route}: ${status} without an HTML schema`);
          } else if (status !== "204" && !emptySuccess.has(route) && !jsonSchema(response.content))
            problems.push(`${route}: ${status} response without a JSON schema`);
        }
        if (!responses.some(([status]) => status.startsWith("4")))
          problems.push(`${route}: no error response documented`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("describes the request bodies the routes validate", async () => {
    const doc = await openApiDocument();
    const body = (path: string, method: string) =>
      jsonSchema(doc.paths[path]?.[method]?.requestBody?.content);
    expect(body("/v1/events/trigger", "post")).toBeDefined();
    expect(body("/v2/workflows", "post")).toBeDefined();
    expect(body("/v2/subscribers", "post")).toBeDefined();
    expect(doc.paths["/v2/subscribers"]?.get?.parameters?.length).toBeGreaterThan(5);
  });

  it("leaves the demo and the reference page out of the API document", async () => {
    const doc = await openApiDocument();
    expect(Object.keys(doc.paths).filter((path) => !path.startsWith("/v"))).toEqual([]);
  });
});

describe("GET /docs", () => {
  it("serves the interactive reference reading /openapi.json, without an API key", async () => {
    const response = await call("/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    expect(html).toContain("/openapi.json");
    expect(html).toContain("novu-edge API reference");
  });

  it("is not served under another method", async () => {
    const response = await call("/docs", { method: "POST" });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404 });
  });
});
