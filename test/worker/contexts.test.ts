import { describe, expect, it } from "vitest";
import { api, createTenant } from "./fixtures";

type Context = {
  type: string;
  id: string;
  data: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
};
type Page = {
  data: Context[];
  next: string | null;
  previous: string | null;
  totalCount: number;
  totalCountCapped: boolean;
};
const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe("/v2/contexts", () => {
  it("creates (201, sent unwrapped as Novu does), retrieves, replaces data and deletes a context", async () => {
    const server = api(await createTenant());
    const res = await server("/v2/contexts", {
      method: "POST",
      body: { type: "tenant", id: "acme", data: { name: "Acme", region: "eu" } },
    });
    expect(res.status).toBe(201);
    const created = await res.json<Context>();
    expect(Object.keys(created).sort()).toEqual(["createdAt", "data", "id", "type", "updatedAt"]);
    expect(created).toEqual({
      type: "tenant",
      id: "acme",
      data: { name: "Acme", region: "eu" },
      createdAt: expect.stringMatching(iso),
      updatedAt: created.createdAt,
    });

    expect(await (await server("/v2/contexts/tenant/acme")).json()).toEqual(created);

    const patched = await server("/v2/contexts/tenant/acme", {
      method: "PATCH",
      body: { data: { plan: "pro" } },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ type: "tenant", id: "acme", data: { plan: "pro" } });
    const emptied = await server("/v2/contexts/tenant/acme", { method: "PATCH", body: { data: {} } });
    expect(await emptied.json()).toMatchObject({ data: {} });

    const removed = await server("/v2/contexts/tenant/acme", { method: "DELETE" });
    expect(removed.status).toBe(204);
    expect(await removed.text()).toBe("");
    expect((await server("/v2/contexts/tenant/acme")).status).toBe(404);
  });

  it("defaults data to {} and answers 409 for an existing type and id", async () => {
    const server = api(await createTenant());
    const res = await server("/v2/contexts", { method: "POST", body: { type: "region", id: "eu-west" } });
    expect(await res.json()).toMatchObject({ type: "region", id: "eu-west", data: {} });
    const again = await server("/v2/contexts", { method: "POST", body: { type: "region", id: "eu-west" } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({
      statusCode: 409,
      message: "Context with type 'region' and id 'eu-west' already exists",
    });
    // The same id under another type is another context.
    expect(
      (await server("/v2/contexts", { method: "POST", body: { type: "tenant", id: "eu-west" } })).status,
    ).toBe(201);
  });

  it("404s unknown contexts on every verb, in Novu's error shape", async () => {
    const server = api(await createTenant());
    const res = await server("/v2/contexts/tenant/ghost");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      statusCode: 404,
      path: "/v2/contexts/tenant/ghost",
      message: expect.stringContaining("Context with id 'ghost' and type 'tenant' not found"),
    });
    expect((await server("/v2/contexts/tenant/ghost", { method: "PATCH", body: { data: {} } })).status).toBe(
      404,
    );
    expect((await server("/v2/contexts/tenant/ghost", { method: "DELETE" })).status).toBe(404);
  });

  it("rejects bad input with 422 field errors", async () => {
    const server = api(await createTenant());
    const missing = await server("/v2/contexts", { method: "POST", body: { id: "x" } });
    expect(missing.status).toBe(422);
    expect((await missing.json<{ errors: Record<string, unknown> }>()).errors).toHaveProperty("type");
    const badId = await server("/v2/contexts", {
      method: "POST",
      body: { type: "tenant", id: "has space!" },
    });
    expect(badId.status).toBe(422);
    expect((await badId.json<{ errors: Record<string, unknown> }>()).errors).toHaveProperty("id");
    expect(
      (await server("/v2/contexts", { method: "POST", body: { type: "tenant", id: "a".repeat(101) } }))
        .status,
    ).toBe(422);
    expect((await server("/v2/contexts", { method: "POST", body: { type: 1, id: "x" } })).status).toBe(422);
    expect(
      (await server("/v2/contexts", { method: "POST", body: { type: "t", id: "x", data: [1] } })).status,
    ).toBe(422);
    const big = { blob: "x".repeat(65 * 1024) };
    expect(
      (await server("/v2/contexts", { method: "POST", body: { type: "t", id: "x", data: big } })).status,
    ).toBe(422);
    await server("/v2/contexts", { method: "POST", body: { type: "t", id: "x" } });
    const noData = await server("/v2/contexts/t/x", { method: "PATCH", body: {} });
    expect(noData.status).toBe(422);
    expect((await noData.json<{ errors: Record<string, unknown> }>()).errors).toHaveProperty("data");
    expect((await server("/v2/contexts/t/x", { method: "PATCH", body: { data: "text" } })).status).toBe(422);
    expect((await server("/v2/contexts?limit=0")).status).toBe(422);
    expect((await server("/v2/contexts?orderBy=name")).status).toBe(422);
  });

  it("pages with cursors, newest first, and filters by id and by a partial, case-insensitive search", async () => {
    const server = api(await createTenant());
    const keys = [
      ["tenant", "acme"],
      ["tenant", "globex"],
      ["region", "eu-west"],
      ["app", "acme_mobile"],
      ["tenant", "100_real"],
    ];
    for (const [type, id] of keys) {
      await server("/v2/contexts", { method: "POST", body: { type, id } });
      await new Promise((r) => setTimeout(r, 2));
    }

    const first = await (await server("/v2/contexts?limit=2")).json<Page>();
    expect(first.data.map((c) => c.id)).toEqual(["100_real", "acme_mobile"]);
    expect(first).toMatchObject({ previous: null, totalCount: 5, totalCountCapped: false });
    expect(first.next).toEqual(expect.any(String));
    const second = await (await server(`/v2/contexts?limit=2&after=${first.next}`)).json<Page>();
    expect(second.data.map((c) => c.id)).toEqual(["eu-west", "globex"]);
    const third = await (await server(`/v2/contexts?limit=2&after=${second.next}`)).json<Page>();
    expect(third.data.map((c) => c.id)).toEqual(["acme"]);
    expect(third.next).toBeNull();
    const back = await (await server(`/v2/contexts?limit=2&before=${third.previous}`)).json<Page>();
    expect(back.data.map((c) => c.id)).toEqual(["eu-west", "globex"]);
    const ascending = await (await server("/v2/contexts?limit=1&orderDirection=ASC")).json<Page>();
    expect(ascending.data.map((c) => c.id)).toEqual(["acme"]);

    const byId = await (await server("/v2/contexts?id=acme")).json<Page>();
    expect(byId.data.map((c) => `${c.type}:${c.id}`)).toEqual(["tenant:acme"]);
    const search = async (q: string) =>
      (await (await server(`/v2/contexts?search=${encodeURIComponent(q)}`)).json<Page>()).data
        .map((c) => `${c.type}:${c.id}`)
        .sort();
    expect(await search("ACME")).toEqual(["app:acme_mobile", "tenant:acme"]);
    expect(await search("tenant:g")).toEqual(["tenant:globex"]);
    expect(await search("region")).toEqual(["region:eu-west"]);
    // LIKE wildcards in the search are literal characters.
    expect(await search("0_r")).toEqual(["tenant:100_real"]);
    expect(await search("u_w")).toEqual([]);
    expect(await search("%")).toEqual([]);
  });

  it("keeps each environment's contexts to itself", async () => {
    const mine = api(await createTenant());
    const theirs = api(await createTenant());
    await mine("/v2/contexts", {
      method: "POST",
      body: { type: "tenant", id: "shared-name", data: { a: 1 } },
    });

    expect((await theirs("/v2/contexts/tenant/shared-name")).status).toBe(404);
    expect((await (await theirs("/v2/contexts")).json<Page>()).totalCount).toBe(0);
    expect(
      (await theirs("/v2/contexts/tenant/shared-name", { method: "PATCH", body: { data: { b: 2 } } })).status,
    ).toBe(404);
    expect((await theirs("/v2/contexts/tenant/shared-name", { method: "DELETE" })).status).toBe(404);
    // The other environment may create its own context with the same key.
    const own = await theirs("/v2/contexts", { method: "POST", body: { type: "tenant", id: "shared-name" } });
    expect(own.status).toBe(201);
    expect(await (await mine("/v2/contexts/tenant/shared-name")).json()).toMatchObject({ data: { a: 1 } });
  });

  it("requires an API key", async () => {
    const res = await api({ secretKey: "nope" } as Parameters<typeof api>[0])("/v2/contexts");
    expect(res.status).toBe(401);
  });
});
