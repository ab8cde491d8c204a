import { describe, expect, it, vi } from "vitest";
import { api, createTenant, openInbox, sendgridIntegration, type TestTenant } from "./fixtures";

type Server = ReturnType<typeof api>;

const welcomeWorkflow = (isTranslationEnabled: boolean) => ({
  name: "Welcome",
  workflowId: "welcome",
  active: true,
  isTranslationEnabled,
  steps: [
    {
      name: "Inbox",
      type: "in_app",
      controlValues: {
        subject: "{{t.title}}",
        body: "{{ t.greeting }} · {{t.missing.key}} · {{ t.title | upcase }}",
      },
    },
    {
      name: "Mail",
      type: "email",
      controlValues: { subject: "{{t.mail.subject}}", body: "<p>{{t.greeting}}</p>", layoutId: null },
    },
  ],
});

async function translate(server: Server, locale: string, content: Record<string, unknown>) {
  const res = await server("/v2/translations", {
    method: "POST",
    body: { resourceType: "workflow", resourceId: "welcome", locale, content },
  });
  expect(res.status).toBe(200);
}

async function inbox(tenant: TestTenant, subscriberId: string) {
  const res = await (await openInbox(tenant, subscriberId)).call("/v1/inbox/notifications?limit=10");
  const { data } = await res.json<{ data: Array<{ subject?: string; body: string }> }>();
  return data.map(({ subject, body }) => ({ subject, body }));
}

const people = [
  { subscriberId: "ana", firstName: "Ana", email: "ana@example.com", locale: "fr_FR" },
  { subscriberId: "bob", firstName: "Bob", email: "bob@example.com", locale: "de_DE" },
  { subscriberId: "cy", firstName: "Cy", email: "cy@example.com" },
];

describe("translations at delivery", { timeout: 30_000 }, () => {
  it("renders {{t.key}} in each subscriber's locale, the default locale filling gaps and missing locales", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const provider = await sendgridIntegration(server, "translations");
    expect((await server("/v2/workflows", { method: "POST", body: welcomeWorkflow(true) })).status).toBe(201);
    await translate(server, "en_US", {
      title: "Welcome",
      greeting: "Hi {{subscriber.firstName}}",
      mail: { subject: "Get started" },
    });
    await translate(server, "fr_FR", { title: "Bienvenue", greeting: "Salut {{subscriber.firstName}}" });
    // Another environment's translation of the same workflowId must not reach this one's subscribers.
    const other = api(await createTenant());
    expect((await other("/v2/workflows", { method: "POST", body: welcomeWorkflow(true) })).status).toBe(201);
    await translate(other, "de_DE", { title: "Willkommen", greeting: "Hallo" });

    const res = await server("/v1/events/trigger", { method: "POST", body: { name: "welcome", to: people } });
    expect(res.status).toBe(201);

    expect(await inbox(tenant, "ana")).toEqual([
      { subject: "Bienvenue", body: "Salut Ana · missing.key · BIENVENUE" },
    ]);
    expect(await inbox(tenant, "bob")).toEqual([
      { subject: "Welcome", body: "Hi Bob · missing.key · WELCOME" },
    ]);
    expect(await inbox(tenant, "cy")).toEqual([
      { subject: "Welcome", body: "Hi Cy · missing.key · WELCOME" },
    ]);

    const mails = new Map<string, { subject: string; html: string }>();
    await vi.waitFor(
      async () => {
        for (const request of await provider.requests()) {
          const mail = JSON.parse(request.body) as {
            subject: string;
            personalizations: Array<{ to: Array<{ email: string }> }>;
            content: Array<{ value: string }>;
          };
          const to = mail.personalizations[0]?.to[0]?.email ?? "";
          mails.set(to, { subject: mail.subject, html: mail.content[0]?.value ?? "" });
        }
        expect(mails.size).toBe(3);
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(Object.fromEntries(mails)).toEqual({
      "ana@example.com": { subject: "Get started", html: "<p>Salut Ana</p>" },
      "bob@example.com": { subject: "Get started", html: "<p>Hi Bob</p>" },
      "cy@example.com": { subject: "Get started", html: "<p>Hi Cy</p>" },
    });
  });

  it("reads a locale written with a hyphen (fr-FR) as Novu's fr_FR", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v2/workflows", { method: "POST", body: welcomeWorkflow(true) });
    await translate(server, "en_US", { title: "Welcome", greeting: "Hi" });
    await translate(server, "fr_FR", { title: "Bienvenue", greeting: "Salut" });
    await server("/v1/events/trigger", {
      method: "POST",
      body: { name: "welcome", to: { subscriberId: "dee", locale: "fr-FR" } },
    });
    expect(await inbox(tenant, "dee")).toEqual([
      { subject: "Bienvenue", body: "Salut · missing.key · BIENVENUE" },
    ]);
  });

  it("leaves translations out of a workflow that does not enable them", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v2/workflows", { method: "POST", body: welcomeWorkflow(false) });
    await translate(server, "en_US", { title: "Welcome", greeting: "Hi" });
    await server("/v1/events/trigger", { method: "POST", body: { name: "welcome", to: "eve" } });
    const [message] = await inbox(tenant, "eve");
    expect(message?.body).not.toContain("Hi");
    expect(message?.subject ?? "").not.toContain("Welcome");
  });
});
