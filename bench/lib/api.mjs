/**
 * The bench's HTTP helpers against the private wrangler dev: an ApiKey client, a bounded-concurrency map and a
 * progress line for long steps.
 */
export function apiClient(server) {
  const headers = { authorization: `ApiKey ${server.secretKey}`, "content-type": "application/json" };
  const send = (path, { method, body, auth } = {}) =>
    fetch(`${server.url}${path}`, {
      method: method ?? (body ? "POST" : "GET"),
      headers: auth ? { ...headers, authorization: auth } : headers,
      body: body && JSON.stringify(body),
      // A request the local runtime never answers fails the step instead of stalling the whole run.
      signal: AbortSignal.timeout(30_000),
    });
  /** Sends and returns the parsed body; a non-2xx answer throws, since setup must not silently half-succeed. */
  const json = async (path, options, attempt = 1) => {
    const res = await send(path, options);
    const text = await res.text();
    // wrangler dev answers this when its runtime restarted under the request; it asks for the request again, and
    // every bench write is idempotent (fixed subscriberIds and transactionIds), so it is sent again, and logged.
    if (res.status === 503 && text.includes("restarted mid-request") && attempt < 4) {
      log(`  runtime restarted during ${path}; sending it again`);
      await sleep(1000);
      return json(path, options, attempt + 1);
    }
    if (!res.ok)
      throw new Error(
        `${options?.method ?? (options?.body ? "POST" : "GET")} ${path} → ${res.status} ${text}`,
      );
    return text ? JSON.parse(text) : null;
  };
  return { send, json };
}

/** An Inbox session token for a subscriber, as @novu/js obtains it. */
export async function inboxToken(server, subscriberId) {
  const res = await fetch(`${server.url}/v1/inbox/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      applicationIdentifier: server.applicationIdentifier,
      subscriber: { subscriberId },
    }),
  });
  if (!res.ok) throw new Error(`inbox session for ${subscriberId} → ${res.status}`);
  return (await res.json()).data.token;
}

/** Runs `fn` over `items` with at most `concurrency` in flight; results keep the input order. */
export async function inParallel(items, concurrency, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** `[0, n)` cut into consecutive slices of `size`. */
export const slices = (n, size) =>
  Array.from({ length: Math.ceil(n / size) }, (_, i) => [i * size, Math.min(n, (i + 1) * size)]);

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const log = (line) => console.log(`[bench] ${line}`);

/** A progress reporter that prints at most every two seconds (and always the last step), so long runs show life. */
export function progress(label, total) {
  const started = performance.now();
  let printed = 0;
  return (done) => {
    const now = performance.now();
    if (done < total && now - printed < 2000) return;
    printed = now;
    log(
      `  ${label}: ${done.toLocaleString("en")}/${total.toLocaleString("en")} (${((now - started) / 1000).toFixed(1)} s)`,
    );
  };
}
