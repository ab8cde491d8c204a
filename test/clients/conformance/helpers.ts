// Shared by the conformance suite: one @novu/api client per environment of the shared `wrangler dev`, ids unique to
// this run (other client suites use the same Worker), and helpers for the typed errors and raw bad requests.
import { Novu } from "@novu/api";
import { ErrorDto, NovuError, ValidationErrorDto } from "@novu/api/models/errors";
import { expect, inject } from "vitest";

export const apiUrl = inject("apiUrl");
export const client = (secretKey: string) =>
  new Novu({ secretKey, serverURL: apiUrl, retryConfig: { strategy: "none" } });
export const development = client(inject("development").secretKey);
export const production = client(inject("production").secretKey);

/** A prefix no other run (or other file of this run) shares. */
export const uniqueId = (label: string) =>
  `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The error a call rejects with; fails the test when it resolves, or rejects with anything but a NovuError. */
export async function rejection(promise: Promise<unknown>): Promise<NovuError> {
  const outcome = await promise.then(
    () => new Error("expected the call to fail"),
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(NovuError);
  return outcome as NovuError;
}

/**
 * A 404 in Novu's error body. The SDK types it as ErrorDto where its spec lists a 404 for the operation, and as a
 * plain SDKError (body unparsed) where it does not (integrations.update, for one).
 */
export async function expectNotFound(promise: Promise<unknown>): Promise<void> {
  const error = await rejection(promise);
  expect(error.statusCode).toBe(404);
  if (error instanceof ErrorDto) expect(error).toMatchObject({ statusCode: 404 });
  else expect(JSON.parse(error.body)).toMatchObject({ statusCode: 404, message: expect.any(String) });
}

/** A 422 (or 400) the SDK surfaces as ValidationErrorDto/ErrorDto. */
export async function expectInvalid(promise: Promise<unknown>): Promise<NovuError> {
  const error = await rejection(promise);
  expect([400, 422]).toContain(error.statusCode);
  expect(error instanceof ValidationErrorDto || error instanceof ErrorDto).toBe(true);
  return error;
}

type RawRequest = { method?: string; body?: unknown; secretKey?: string };

/**
 * A request the SDK would refuse to send (it validates inputs itself), so the Worker's own validation is what answers.
 * Returns the status and Novu's error body.
 */
export async function raw(path: string, { method = "POST", body, secretKey }: RawRequest = {}) {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      authorization: `ApiKey ${secretKey ?? inject("development").secretKey}`,
      "content-type": "application/json",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
}

/** Asserts a raw request was refused as invalid input, in Novu's error shape. */
export async function expectRawInvalid(path: string, request: RawRequest): Promise<void> {
  const { status, body } = await raw(path, request);
  expect([400, 422]).toContain(status);
  expect(body).toMatchObject({ statusCode: status });
  expect(typeof body.message === "string" || Array.isArray(body.message)).toBe(true);
}

/** An active workflow whose one in-app step renders `payload.message`. */
export async function inAppWorkflow(novu: Novu, workflowId: string) {
  const { result } = await novu.workflows.create({
    name: `Conformance ${workflowId}`,
    workflowId,
    active: true,
    steps: [
      {
        name: "Inbox",
        type: "in_app",
        controlValues: { subject: "Hi {{subscriber.firstName}}", body: "{{payload.message}}" },
      },
    ],
  });
  return result;
}

/**
 * An environment of the development key's organization for the duration of one file, for resources that would change
 * what other suites' triggers do in the shared development environment (integrations, default layouts, broadcasts).
 */
export async function isolatedEnvironment(name: string) {
  const { result } = await development.environments.create({ name, color: "#777777" });
  const secretKey = result.apiKeys?.[0]?.key ?? "";
  return {
    id: result.id,
    secretKey,
    novu: client(secretKey),
    remove: () => development.environments.delete(result.id),
  };
}
