import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { call } from "./fixtures";

const undocumented = new Set(["GET /openapi.json", "GET /v1/health-check"]);

describe("GET /openapi.json", () => {
  it("documents every route the app serves, with its request schema", async () => {
    const doc = await (await call("/openapi.json")).json<{
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; parameters?: unknown[] }>>;
    }>();
    expect(doc.openapi).toBe("3.1.0");

    const served = createApp()
      .routes.filter((route) => route.method !== "ALL")
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, "{$1}")}`)
      .filter((route) => !undocumented.has(route));
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(served.length).toBeGreaterThan(20);
    expect(new Set(documented)).toEqual(new Set(served));
    expect(doc.paths["/v1/events/trigger"]?.post?.requestBody).toBeDefined();
    expect(doc.paths["/v2/subscribers"]?.get?.parameters?.length).toBeGreaterThan(5);
  });
});
