/**
 * DNS lookups over HTTPS with the JSON API that Cloudflare (1.1.1.1) and Google resolvers share:
 * `GET <resolver>?name=<name>&type=<type>` with `accept: application/dns-json`. Workers have no DNS socket API, and
 * one HTTP request per question keeps every lookup visible and testable.
 */
export type RecordType = "A" | "NS" | "CNAME" | "MX" | "TXT";

const typeCodes: Record<RecordType, number> = { A: 1, NS: 2, CNAME: 5, MX: 15, TXT: 16 };

/** `found`: answers of the asked type; `none`: the name or the type does not exist; `failed`: no verdict. */
export type Lookup =
  | { status: "found"; data: string[] }
  | { status: "none"; rcode: "NXDOMAIN" | "NOERROR" }
  | { status: "failed"; reason: string };

type DohAnswer = { Status?: unknown; Answer?: Array<{ type?: unknown; data?: unknown } | null> } | null;

const timeoutMs = 5_000;
const rcodes: Record<number, string> = { 1: "FORMERR", 2: "SERVFAIL", 4: "NOTIMP", 5: "REFUSED" };

export const resolverUrl = (env: Env) => env.DNS_OVER_HTTPS_URL || "https://cloudflare-dns.com/dns-query";

export async function lookup(env: Env, name: string, type: RecordType): Promise<Lookup> {
  const url = new URL(resolverUrl(env));
  url.searchParams.set("name", name);
  url.searchParams.set("type", type);
  let body: DohAnswer;
  try {
    const res = await fetch(url, {
      headers: { accept: "application/dns-json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) {
      await res.body?.cancel();
      return { status: "failed", reason: `resolver answered HTTP ${res.status}` };
    }
    body = await res.json<DohAnswer>();
  } catch (error) {
    return { status: "failed", reason: error instanceof Error ? error.message : String(error) };
  }
  if (!body || typeof body !== "object")
    return { status: "failed", reason: "resolver answered no JSON object" };
  if (body.Status === 3) return { status: "none", rcode: "NXDOMAIN" };
  if (body.Status !== 0) {
    const code =
      typeof body.Status === "number" ? (rcodes[body.Status] ?? `rcode ${body.Status}`) : "no status";
    return { status: "failed", reason: `resolver answered ${code}` };
  }
  // A CNAME chain comes back with the answer: only records of the asked type count.
  const data = (Array.isArray(body.Answer) ? body.Answer : []).flatMap((answer) =>
    answer?.type === typeCodes[type] && typeof answer.data === "string"
      ? [type === "TXT" ? unquoteTxt(answer.data) : answer.data]
      : [],
  );
  return data.length > 0 ? { status: "found", data } : { status: "none", rcode: "NOERROR" };
}

/** Host names compare without case and without the root's trailing dot. */
export const normalizeHost = (host: string) => host.trim().replace(/\.$/, "").toLowerCase();

export type MxRecord = { priority: number; exchange: string };

/** `10 mx.example.com.` → `{ priority: 10, exchange: "mx.example.com" }`; anything else is skipped. */
export function parseMx(data: string[]): MxRecord[] {
  return data.flatMap((line) => {
    const match = /^\s*(\d+)\s+(\S+)\s*$/.exec(line);
    return match?.[1] && match[2] ? [{ priority: Number(match[1]), exchange: normalizeHost(match[2]) }] : [];
  });
}

/** A TXT record is one or more quoted strings (`"a" "b"` is `ab`); some resolvers send it unquoted. */
function unquoteTxt(data: string): string {
  const trimmed = data.trim();
  if (!trimmed.startsWith('"')) return trimmed;
  const parts = trimmed.match(/"((?:[^"\\]|\\.)*)"/g) ?? [];
  return parts.map((part) => part.slice(1, -1).replace(/\\(.)/g, "$1")).join("");
}
