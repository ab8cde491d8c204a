/** A stand-in for the provider's host: records each request exactly as it would leave the Worker. */
export function recordingFetch(answer: () => Response = () => new Response("{}", { status: 200 })) {
  const requests: Array<{ method: string; url: string; headers: Record<string, string>; body: string }> = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    });
    return answer();
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}
