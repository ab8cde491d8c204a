import { describe, expect, it, vi } from "vitest";
import { api, createTenant, sendgridIntegration } from "./fixtures";

type Server = ReturnType<typeof api>;

const brand = {
  editorType: "html",
  body: "<html><body><header>Hello {{subscriber.firstName}}</header>{{content}}<footer>ACME</footer></body></html>",
};
const plain = {
  editorType: "html",
  body: '<html><body><div class="plain">{{ content }}</div></body></html>',
};

async function layout(server: Server, layoutId: string, email: { editorType: string; body: string }) {
  expect((await server("/v2/layouts", { method: "POST", body: { layoutId, name: layoutId } })).status).toBe(
    201,
  );
  const res = await server(`/v2/layouts/${layoutId}`, {
    method: "PUT",
    body: { name: layoutId, controlValues: { email } },
  });
  expect(res.status).toBe(200);
}

const email = (stepName: string, layoutId?: string | null) => ({
  name: stepName,
  type: "email",
  controlValues: {
    subject: stepName,
    body: "<p>{{payload.text}} for {{subscriber.firstName}}</p>",
    ...(layoutId === undefined ? {} : { layoutId }),
  },
});

async function setup(steps: ReturnType<typeof email>[]) {
  const tenant = await createTenant();
  const server = api(tenant);
  const provider = await sendgridIntegration(server, "layouts");
  const res = await server("/v2/workflows", {
    method: "POST",
    body: { name: "Receipt", workflowId: "receipt", active: true, steps },
  });
  expect(res.status).toBe(201);
  const trigger = (extra: Record<string, unknown> = {}) =>
    server("/v1/events/trigger", {
      method: "POST",
      body: {
        name: "receipt",
        to: { subscriberId: "ada", email: "ada@example.com", firstName: "Ada" },
        payload: { text: "Your order" },
        ...extra,
      },
    });
  /** The HTML each email reached SendGrid with, by subject. */
  const sent = async (count: number) => {
    let bodies: Record<string, string> = {};
    await vi.waitFor(
      async () => {
        const requests = await provider.requests();
        expect(requests).toHaveLength(count);
        bodies = Object.fromEntries(
          requests.map((r) => {
            const mail = JSON.parse(r.body) as { subject: string; content: Array<{ value: string }> };
            return [mail.subject, mail.content[0]?.value ?? ""];
          }),
        );
      },
      { timeout: 10_000, interval: 100 },
    );
    return bodies;
  };
  return { tenant, server, trigger, sent };
}

const bare = "<p>Your order for Ada</p>";

describe("email layouts at delivery", { timeout: 30_000 }, () => {
  it("wraps in the default layout, the step's own layout, or none when layoutId is null", async () => {
    const { server, trigger, sent } = await setup([
      email("default"),
      email("own", "plain"),
      email("none", null),
    ]);
    await layout(server, "brand", brand);
    await layout(server, "plain", plain);
    expect((await trigger()).status).toBe(201);

    expect(await sent(3)).toEqual({
      default: `<html><body><header>Hello Ada</header>${bare}<footer>ACME</footer></body></html>`,
      own: `<html><body><div class="plain">${bare}</div></body></html>`,
      none: bare,
    });
  });

  it("sends unwrapped when the environment has no layout, or its default has no HTML body yet", async () => {
    const { server, trigger, sent } = await setup([email("default")]);
    expect((await trigger({ transactionId: "before-any-layout" })).status).toBe(201);
    expect(await sent(1)).toEqual({ default: bare });

    expect(
      (await server("/v2/layouts", { method: "POST", body: { layoutId: "empty", name: "Empty" } })).status,
    ).toBe(201);
    expect((await trigger({ transactionId: "empty-default" })).status).toBe(201);
    expect(await sent(2)).toEqual({ default: bare });
  });

  it("lets a trigger choose per step, then per email channel, over the step's control", async () => {
    const { server, trigger, sent } = await setup([email("first", "plain"), email("second")]);
    await layout(server, "brand", brand);
    await layout(server, "plain", plain);
    const res = await trigger({
      overrides: { steps: { first: { layoutId: null } }, channels: { email: { layoutId: "plain" } } },
    });
    expect(res.status).toBe(201);
    expect(await sent(2)).toEqual({
      first: bare,
      second: `<html><body><div class="plain">${bare}</div></body></html>`,
    });
  });

  it("never uses another environment's layout: an unknown layoutId falls back to this environment's default", async () => {
    const other = api(await createTenant());
    await layout(other, "foreign", {
      editorType: "html",
      body: "<html><body>FOREIGN {{content}}</body></html>",
    });
    const { server, trigger, sent } = await setup([email("named", "foreign")]);
    await layout(server, "brand", brand);
    expect((await trigger()).status).toBe(201);
    expect(await sent(1)).toEqual({
      named: `<html><body><header>Hello Ada</header>${bare}<footer>ACME</footer></body></html>`,
    });
  });

  it("refuses a layoutId override that is neither a string nor null", async () => {
    const { trigger } = await setup([email("default")]);
    const res = await trigger({ overrides: { steps: { default: { layoutId: 7 } } } });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ statusCode: 422 });
  });
});
