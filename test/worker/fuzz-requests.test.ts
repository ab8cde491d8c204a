import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { jsonDepth, maxJsonDepth } from "../../src/middleware/json-depth";
import { api, createTenant, inAppWorkflow } from "./fixtures";

/**
 * Whatever a client sends, the API answers with a success or a 4xx in Novu's error shape, never a 5xx. The bodies
 * mix near-valid requests (so the fuzzing reaches the services, not only the schemas) with wrong types, huge
 * strings, deep nesting and raw text that is not JSON at all.
 */

const numRuns = 60;

type Server = ReturnType<typeof api>;
type Sent = { body?: unknown; rawBody?: string; headers?: Record<string, string> };

function nest(depth: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

const hugeString = fc.integer({ min: 1_000, max: 300_000 }).map((n) => "é".repeat(n));
const deep = fc.integer({ min: 1, max: 3_000 }).map(nest);
/** A wrong value: another type, an awkward string, a huge string, deep nesting. */
const weird = fc.oneof(
  { weight: 4, arbitrary: fc.anything({ maxDepth: 4 }) },
  { weight: 2, arbitrary: fc.string() },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "__proto__",
      "constructor",
      "{{",
      "{% raw %}",
      "\u0000",
      "💥",
      "null",
    ),
  },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deep },
);
/** Mostly a plausible value, so that requests also get past validation into the services. */
const maybe = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: weird });
const id = fc.oneof(
  fc.constantFrom("ada", "grace", "a".repeat(255)),
  fc.string({ minLength: 1, maxLength: 300 }),
);

/** Raw bodies that are not a JSON object: broken JSON, other types, other content types, nothing at all. */
const rawBodies: fc.Arbitrary<Sent> = fc.oneof(
  fc.string().map((rawBody) => ({ rawBody })),
  fc.json().map((json) => ({ rawBody: json.slice(0, Math.max(0, json.length - 1)) })),
  fc.json().map((rawBody) => ({ rawBody })),
  fc
    .constantFrom("", "{", "[", '{"a":', "nul", "{}}", '{"__proto__":{"x":1}}', "\ufeff{}")
    .map((rawBody) => ({ rawBody })),
  fc.json().map((rawBody) => ({ rawBody, headers: { "content-type": "text/plain" } })),
  fc.json().map((rawBody) => ({ rawBody, headers: { "content-type": "application/x-www-form-urlencoded" } })),
  fc.constant({ headers: { "content-type": "application/json" } }),
  deep.map((body) => ({ body })),
);

const subscriberFields = {
  firstName: maybe(fc.option(fc.string())),
  lastName: maybe(fc.option(fc.string())),
  email: maybe(fc.option(fc.emailAddress())),
  phone: maybe(fc.string()),
  avatar: maybe(fc.webUrl()),
  locale: maybe(fc.constantFrom("en_US", "fr", "")),
  timezone: maybe(fc.constantFrom("Europe/Paris", "Not/AZone", "UTC")),
  data: maybe(fc.option(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })))),
  channels: maybe(
    fc.array(
      fc.record({
        providerId: maybe(fc.constantFrom("slack", "fcm", "nope")),
        credentials: maybe(
          fc.record({ webhookUrl: maybe(fc.webUrl()), deviceTokens: maybe(fc.array(fc.string())) }),
        ),
      }),
      { maxLength: 25 },
    ),
  ),
};
const subscriber = fc.record(
  { subscriberId: maybe(id), ...subscriberFields },
  { requiredKeys: ["subscriberId"] },
);
const recipient = fc.oneof(
  maybe(id),
  subscriber,
  fc.record({ type: maybe(fc.constant("Topic")), topicKey: maybe(id), exclude: maybe(fc.array(id)) }),
);

const jsonRecord = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }));

const triggerBodies = fc.record(
  {
    name: maybe(fc.constantFrom("fuzz", "fuzz", "fuzz", "unknown-workflow")),
    to: fc.oneof(recipient, fc.array(recipient, { maxLength: 4 }), fc.array(recipient, { maxLength: 120 })),
    payload: maybe(jsonRecord),
    overrides: maybe(
      fc.record(
        {
          providers: maybe(fc.dictionary(fc.string(), maybe(jsonRecord))),
          steps: maybe(fc.dictionary(fc.string(), maybe(fc.record({ providers: maybe(jsonRecord) })))),
        },
        { requiredKeys: [] },
      ),
    ),
    transactionId: maybe(id),
    actor: maybe(fc.oneof(id, subscriber)),
    tenant: maybe(fc.oneof(fc.string(), jsonRecord)),
    context: maybe(jsonRecord),
  },
  { requiredKeys: ["name", "to"] },
);

/** Liquid as users write it, broken Liquid, and Liquid that tries to run away. */
const template = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "{{payload.k}}",
    "{{ subscriber.firstName | upcase }}",
    "{% for e in steps.digest.events %}{{e.payload.k}}{% endfor %}",
    "{{ steps.digest.events | digest: 2, 'payload.k' }}",
    "{{",
    "{% if %}",
    "{% raw %}",
    "{{ payload | json }}",
    "{% for i in (1..100000000) %}x{% endfor %}",
    "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..20) %}{% assign s = s | append: s %}{% endfor %}{{ s.size }}",
  ),
);
const controls = fc.record(
  {
    subject: maybe(template),
    body: maybe(template),
    amount: maybe(fc.integer({ min: -1, max: 3 })),
    unit: maybe(fc.constantFrom("seconds", "minutes", "hours", "days", "weeks", "months", "years")),
    digestKey: maybe(fc.constantFrom("payload.k", "{{payload.k}}", "")),
    cron: maybe(fc.constantFrom("* * * * *", "0 9 * * 1", "61 * * * *")),
    type: maybe(fc.constantFrom("regular", "timed", "other")),
  },
  { requiredKeys: [] },
);
const stepTypes = [
  "in_app",
  "email",
  "sms",
  "push",
  "chat",
  "delay",
  "digest",
  "throttle",
  "custom",
] as const;
/** Steps the schema accepts, with controls anything goes. */
const validStep = fc.record({
  name: fc.constantFrom("Step", "Digest", "Wait"),
  type: fc.constantFrom(...stepTypes),
  controlValues: controls,
});
const validWorkflow = fc.record({
  name: fc.constant("Fuzzed"),
  workflowId: fc.uuid(),
  active: fc.boolean(),
  steps: fc.array(validStep, { minLength: 1, maxLength: 4 }),
});

const step = fc.record(
  {
    name: maybe(fc.string({ minLength: 1 })),
    type: maybe(fc.constantFrom(...stepTypes)),
    stepId: maybe(fc.string({ minLength: 1, maxLength: 20 })),
    controlValues: maybe(controls),
  },
  { requiredKeys: ["name", "type"] },
);
const preferences = fc.record(
  {
    all: maybe(
      fc.record({ enabled: maybe(fc.boolean()), readOnly: maybe(fc.boolean()) }, { requiredKeys: [] }),
    ),
    channels: maybe(
      fc.dictionary(
        fc.constantFrom("in_app", "email", "sms", "x"),
        fc.record({ enabled: maybe(fc.boolean()) }),
      ),
    ),
  },
  { requiredKeys: [] },
);
const workflowBodies = fc.record(
  {
    name: maybe(fc.string({ minLength: 1 })),
    workflowId: maybe(fc.stringMatching(/^[a-z0-9_.:-]{1,20}$/)),
    steps: maybe(fc.array(step, { maxLength: 22 })),
    tags: maybe(fc.array(fc.string({ minLength: 1, maxLength: 48 }), { maxLength: 20 })),
    active: maybe(fc.boolean()),
    payloadSchema: maybe(fc.option(jsonRecord)),
    preferences: maybe(
      fc.record({ user: maybe(fc.option(preferences)), workflow: maybe(preferences) }, { requiredKeys: [] }),
    ),
    severity: maybe(fc.constantFrom("high", "medium", "low", "none")),
  },
  { requiredKeys: ["name", "workflowId", "steps"] },
);

const topicBodies = fc.record({ key: maybe(id), name: maybe(fc.string()) }, { requiredKeys: [] });
const patchBodies = fc.record(subscriberFields, { requiredKeys: [] });

const sent = (bodies: fc.Arbitrary<unknown>): fc.Arbitrary<Sent> =>
  fc.oneof({ weight: 4, arbitrary: bodies.map((body) => ({ body })) }, { weight: 1, arbitrary: rawBodies });

/** fast-check reports the failing request itself, shrunk; the message adds what the Worker answered. */
async function expectNovuAnswer(res: Response) {
  const text = await res.text();
  const answer = `${res.status} ${text.slice(0, 500)}`;
  expect(res.status, answer).toBeLessThan(500);
  if (res.status < 400) return;
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(body, answer).toMatchObject({
    statusCode: res.status,
    timestamp: expect.any(String),
    path: expect.any(String),
    error: expect.any(String),
  });
  expect(body.message, answer).toBeDefined();
  if (res.status === 422 && body.errors !== undefined) {
    for (const entry of Object.values(body.errors as Record<string, { messages: unknown }>)) {
      expect(entry.messages, answer).toEqual(expect.arrayContaining([expect.any(String)]));
    }
  }
}

describe("fuzzed requests", { timeout: 60_000 }, () => {
  let server: Server;

  beforeAll(async () => {
    server = api(await createTenant());
    expect((await server("/v2/workflows", { method: "POST", body: inAppWorkflow("fuzz") })).status).toBe(201);
    expect((await server("/v2/subscribers", { method: "POST", body: { subscriberId: "ada" } })).status).toBe(
      201,
    );
  });

  const routes: Array<[string, string, fc.Arbitrary<Sent>]> = [
    ["POST", "/v1/events/trigger", sent(triggerBodies)],
    ["POST", "/v2/subscribers", sent(subscriber)],
    ["POST", "/v2/topics", sent(topicBodies)],
    ["POST", "/v2/workflows", sent(workflowBodies)],
    ["PATCH", "/v2/subscribers/ada", sent(patchBodies)],
  ];

  for (const [method, path, requests] of routes) {
    it(`${method} ${path} never answers 5xx`, async () => {
      await fc.assert(
        fc.asyncProperty(requests, async (request) => {
          await expectNovuAnswer(await server(path, { method, ...request }));
        }),
        { numRuns },
      );
    });
  }

  it("triggering a workflow with fuzzed step controls never answers 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(validWorkflow, jsonRecord, async (workflow, payload) => {
        const created = await server("/v2/workflows", { method: "POST", body: workflow });
        await expectNovuAnswer(created.clone());
        if (created.status !== 201) return;
        const body = { name: workflow.workflowId, to: "ada", payload };
        await expectNovuAnswer(await server("/v1/events/trigger", { method: "POST", body }));
      }),
      { numRuns },
    );
  });

  it("PATCH /v2/subscribers/{id} with fuzzed ids never answers 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant("ada"), fc.string({ minLength: 1, maxLength: 400 })),
        async (subscriberId) => {
          const res = await server(`/v2/subscribers/${encodeURIComponent(subscriberId)}`, {
            method: "PATCH",
            body: { firstName: "x" },
          });
          await expectNovuAnswer(res);
        },
      ),
      { numRuns },
    );
  });
});

/** Depth as JSON counts it: every object or array is one level. */
function depthOf(value: unknown): number {
  if (typeof value !== "object" || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe("JSON depth limit", { timeout: 60_000 }, () => {
  it("measures depth like a parser, whatever the strings hold", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        expect(jsonDepth(JSON.stringify(value))).toBe(depthOf(value));
      }),
    );
    expect(jsonDepth(JSON.stringify({ a: '{[\\"{', b: ["]}"] }))).toBe(2);
  });

  it("refuses a body nested 10,000 deep on every route with a 400 in Novu's shape, and accepts the limit", async () => {
    const server = api(await createTenant());
    await server("/v2/workflows", { method: "POST", body: inAppWorkflow("deep") });
    const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    const bodies: Array<[string, string, (inner: string) => string]> = [
      ["POST", "/v1/events/trigger", (inner) => `{"name":"deep","to":"ada","payload":{"x":${inner}}}`],
      ["POST", "/v2/subscribers", (inner) => `{"subscriberId":"ada","data":{"x":${inner}}}`],
      ["PATCH", "/v2/subscribers/ada", (inner) => `{"data":{"x":${inner}}}`],
      ["POST", "/v2/topics", (inner) => `{"key":"deep","name":${inner}}`],
      [
        "POST",
        "/v2/workflows",
        (inner) => `{"name":"w","workflowId":"w","steps":[],"payloadSchema":{"x":${inner}}}`,
      ],
    ];
    for (const [method, path, wrap] of bodies) {
      const res = await server(path, { method, rawBody: wrap(nested(10_000)) });
      expect(res.status, path).toBe(400);
      expect(await res.json(), path).toMatchObject({
        statusCode: 400,
        path,
        error: "Bad Request",
        message: expect.stringMatching(
          /^Request body is nested 100\d\d levels deep; at most 100 are allowed$/,
        ),
      });
    }
    const trigger = (inner: string) =>
      server("/v1/events/trigger", { method: "POST", rawBody: bodies[0]?.[2](inner) });
    // The envelope takes two levels ({ payload: { x: … } }).
    expect((await trigger(nested(maxJsonDepth - 2))).status).toBe(201);
    expect((await trigger(nested(maxJsonDepth - 1))).status).toBe(400);
  });
});
