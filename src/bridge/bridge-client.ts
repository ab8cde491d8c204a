import type { z } from "zod";
import {
  type BridgeHealth,
  discoverResponse,
  type ExecuteInput,
  type ExecuteResult,
  executeResponse,
  healthCheckResponse,
} from "./bridge.schemas";
import { bridgeSignature } from "./bridge-signature";

/** A bridge call that failed; `retryable` when another attempt may succeed (network, timeout, 408/429/5xx). */
export class BridgeError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = "BridgeError";
  }
}

export type BridgeTarget = { url: string; secretKey: string };

const timeoutMs = 15_000;
const attempts = 3;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with full jitter: the bridge is the user's app, and many runs may be retrying at once. */
const backoffMs = (attempt: number) => Math.random() * 250 * 2 ** attempt;

function bridgeUrl(target: BridgeTarget, query: Record<string, string>): string {
  const url = new URL(target.url);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.toString();
}

async function failure(response: Response): Promise<BridgeError> {
  const text = await response.text();
  let detail = text.slice(0, 500);
  try {
    const body = JSON.parse(text) as { message?: unknown; code?: unknown };
    if (typeof body.message === "string") {
      detail = typeof body.code === "string" ? `${body.code}: ${body.message}` : body.message;
    }
  } catch {
    // Not JSON: the raw text (truncated) is the best description we have.
  }
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  return new BridgeError(`Bridge answered ${response.status}: ${detail}`, retryable, response.status);
}

async function call<T>(
  target: BridgeTarget,
  method: "GET" | "POST",
  query: Record<string, string>,
  schema: z.ZodType<T>,
  body?: unknown,
): Promise<T> {
  const signed = body ?? {};
  const signature = await bridgeSignature(target.secretKey, signed);
  let response: Response;
  try {
    response = await fetch(bridgeUrl(target, query), {
      method,
      headers: {
        "content-type": "application/json",
        "novu-signature": signature,
        "x-novu-signature": signature,
      },
      body: method === "POST" ? JSON.stringify(signed) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BridgeError(`Bridge could not be reached at ${target.url}: ${reason}`, true);
  }
  if (!response.ok) throw await failure(response);
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    throw new BridgeError(
      `Bridge answered with an unexpected body: ${parsed.error.issues[0]?.message}`,
      false,
    );
  }
  return parsed.data;
}

async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof BridgeError) || !error.retryable || n >= attempts) throw error;
      await pause(backoffMs(n));
    }
  }
}

/** The calls this platform makes to a `@novu/framework` bridge, each signed with the environment's secret key. */
export const bridge = {
  discover: (target: BridgeTarget) =>
    withRetries(() => call(target, "GET", { action: "discover" }, discoverResponse)),

  healthCheck: (target: BridgeTarget): Promise<BridgeHealth> =>
    call(target, "GET", { action: "health-check" }, healthCheckResponse),

  execute: (target: BridgeTarget, input: ExecuteInput): Promise<ExecuteResult> =>
    withRetries(() =>
      call(
        target,
        "POST",
        { action: "execute", workflowId: input.workflowId, stepId: input.stepId },
        executeResponse,
        input,
      ),
    ),

  preview: (target: BridgeTarget, input: ExecuteInput): Promise<ExecuteResult> =>
    call(
      target,
      "POST",
      { action: "preview", workflowId: input.workflowId, stepId: input.stepId },
      executeResponse,
      input,
    ),
};
