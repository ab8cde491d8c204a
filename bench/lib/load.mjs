/**
 * Closed-loop load: `concurrency` workers each send one request after another for `seconds`. Returns requests/s of
 * successful responses and the error count; every request is bounded by the clock, so the run always ends.
 */
export async function measureThroughput(send, { concurrency, seconds }) {
  const deadline = performance.now() + seconds * 1000;
  let ok = 0;
  let errors = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      try {
        const res = await send();
        if (res.ok) ok++;
        else errors++;
        await res.arrayBuffer();
      } catch {
        errors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return { rps: ok / elapsed, ok, errors, seconds: elapsed };
}

/** Sequential round trips: the latency of `count` requests one after another, in ms. */
export async function measureLatency(send, count) {
  const samples = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const res = await send(i);
    await res.arrayBuffer();
    samples.push(performance.now() - started);
  }
  return samples;
}
