import { describe, expect, it } from "vitest";
import { api, createTenant } from "./fixtures";

type Subscriber = Record<string, unknown> & { _id: string; subscriberId: string };
type Page = { data: Subscriber[]; next: string | null; previous: string | null; totalCount: number };

describe("/v2/subscribers", () => {
  it("creates, reads, patches and deletes a subscriber", async () => {
    const server = api(await createTenant());
    const created = await server("/v2/subscribers", {
      method: "POST",
      body: { subscriberId: "sub-1", firstName: "Ada", email: "ada@example.com", data: { plan: "pro" } },
    });
    expect(created.status).toBe(201);
    const { data } = await created.json<{ data: Subscriber }>();
    expect(data).toMatchObject({
      subscriberId: "sub-1",
      firstName: "Ada",
      lastName: null,
      email: "ada@example.com",
      data: { plan: "pro" },
      deleted: false,
    });
    expect(data._id).toMatch(/^[0-9a-f]{24}$/);

    const patched = await server("/v2/subscribers/sub-1", {
      method: "PATCH",
      body: { lastName: "Lovelace", email: null },
    });
    expect(await patched.json()).toMatchObject({
      data: { firstName: "Ada", lastName: "Lovelace", email: null },
    });

    expect(await (await server("/v2/subscribers/sub-1")).json()).toMatchObject({
      data: { lastName: "Lovelace" },
    });

    const removed = await server("/v2/subscribers/sub-1", { method: "DELETE" });
    expect(await removed.json()).toEqual({ data: { acknowledged: true, status: "deleted" } });
    expect((await server("/v2/subscribers/sub-1")).status).toBe(404);
  });

  it("upserts on create, unless failIfExists=true answers 409 and changes nothing", async () => {
    const server = api(await createTenant());
    await server("/v2/subscribers", { method: "POST", body: { subscriberId: "s", firstName: "One" } });
    const updated = await server("/v2/subscribers", {
      method: "POST",
      body: { subscriberId: "s", firstName: "Two" },
    });
    expect(await updated.json()).toMatchObject({ data: { firstName: "Two" } });

    const conflict = await server("/v2/subscribers?failIfExists=true", {
      method: "POST",
      body: { subscriberId: "s", firstName: "Three" },
    });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ statusCode: 409 });
    expect(await (await server("/v2/subscribers/s")).json()).toMatchObject({ data: { firstName: "Two" } });
  });

  it("pages through search results with cursors, both ways", async () => {
    const server = api(await createTenant());
    for (const id of ["a", "b", "c", "d", "e"]) {
      await server("/v2/subscribers", { method: "POST", body: { subscriberId: id, email: `${id}@x.io` } });
    }
    const first = await (await server("/v2/subscribers?limit=2&orderDirection=ASC&orderBy=_id")).json<Page>();
    expect(first.data.map((s) => s.subscriberId)).toEqual(["a", "b"]);
    expect(first.totalCount).toBe(5);
    expect(first.previous).toBeNull();

    const second = await (
      await server(`/v2/subscribers?limit=2&orderDirection=ASC&orderBy=_id&after=${first.next}`)
    ).json<Page>();
    expect(second.data.map((s) => s.subscriberId)).toEqual(["c", "d"]);

    const back = await (
      await server(`/v2/subscribers?limit=2&orderDirection=ASC&orderBy=_id&before=${second.previous}`)
    ).json<Page>();
    expect(back.data.map((s) => s.subscriberId)).toEqual(["a", "b"]);

    const byEmail = await (await server("/v2/subscribers?email=e@x.io")).json<Page>();
    expect(byEmail.data.map((s) => s.subscriberId)).toEqual(["e"]);
  });

  it("never shows one environment's subscribers to another's key", async () => {
    const owner = api(await createTenant());
    const stranger = api(await createTenant("prod"));
    await owner("/v2/subscribers", { method: "POST", body: { subscriberId: "private" } });

    expect((await stranger("/v2/subscribers/private")).status).toBe(404);
    expect(
      (await stranger("/v2/subscribers/private", { method: "PATCH", body: { firstName: "x" } })).status,
    ).toBe(404);
    expect((await stranger("/v2/subscribers/private", { method: "DELETE" })).status).toBe(404);
    expect((await (await stranger("/v2/subscribers")).json<Page>()).totalCount).toBe(0);
    expect((await owner("/v2/subscribers/private")).status).toBe(200);
  });

  it.each([
    ["no subscriberId", { firstName: "x" }],
    ["a numeric subscriberId", { subscriberId: 42 }],
    ["data that is not an object", { subscriberId: "s", data: "nope" }],
  ])("rejects a body with %s with 422 and field errors", async (_, body) => {
    const server = api(await createTenant());
    const res = await server("/v2/subscribers", { method: "POST", body });
    expect(res.status).toBe(422);
    const error = await res.json<{ statusCode: number; errors: Record<string, { messages: string[] }> }>();
    expect(error.statusCode).toBe(422);
    expect(Object.keys(error.errors).length).toBeGreaterThan(0);
    expect((await (await server("/v2/subscribers")).json<Page>()).totalCount).toBe(0);
  });
});
