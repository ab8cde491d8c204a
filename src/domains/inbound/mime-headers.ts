// Header-level decoding for the MIME reader (mime.ts): charsets, RFC 2047 words, RFC 2231 parameters, addresses.
import type { MailAddress } from "./mail";

export const bytesOf = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

export function decode(bytes: Uint8Array, charset = "utf-8"): string {
  try {
    return new TextDecoder(charset.trim().toLowerCase() || "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

/** `type/sub; a=1; b="two"; c*=utf-8''%E2%9C%93; d*0=x; d*1=y` → value and decoded parameters. */
export function parameters(header: string): { value: string; params: Record<string, string> } {
  const [value = "", ...rest] = header.match(/(?:[^;"]|"(?:[^"\\]|\\.)*")+/g) ?? [];
  const pieces = new Map<string, { order: number; text: string; extended: boolean }[]>();
  for (const item of rest) {
    const eq = item.indexOf("=");
    if (eq < 0) continue;
    const key = item.slice(0, eq).trim().toLowerCase();
    let text = item.slice(eq + 1).trim();
    if (text.startsWith('"')) text = text.slice(1, -1).replace(/\\(.)/g, "$1");
    const match = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(key);
    if (!match?.[1]) continue;
    const list = pieces.get(match[1]) ?? [];
    list.push({ order: Number(match[2] ?? 0), text, extended: Boolean(match[3]) });
    pieces.set(match[1], list);
  }
  const params: Record<string, string> = {};
  for (const [name, list] of pieces) {
    list.sort((a, b) => a.order - b.order);
    const extended = list.some((p) => p.extended);
    const joined = list.map((p) => p.text).join("");
    params[name] = extended ? decodeExtended(joined) : decodeWords(joined);
  }
  return { value: value.trim().toLowerCase(), params };
}

/** RFC 2231: `charset'language'percent-encoded`. */
function decodeExtended(text: string): string {
  const match = /^([^']*)'[^']*'(.*)$/.exec(text);
  const encoded = match ? (match[2] ?? "") : text;
  const bytes = bytesOf(
    encoded.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
  );
  return decode(bytes, match?.[1] || "utf-8");
}

/** RFC 2047 encoded words; whitespace between two of them is not part of the text. */
export function decodeWords(text: string): string {
  return text
    .replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?[^?]+\?[bBqQ]\?[^?]*\?=)/g, "$1")
    .replace(
      /=\?([^?*]+)(?:\*[^?]*)?\?([bBqQ])\?([^?]*)\?=/g,
      (word, charset: string, kind: string, data: string) => {
        try {
          const bytes =
            kind.toLowerCase() === "b"
              ? bytesOf(atob(data))
              : bytesOf(
                  data
                    .replace(/_/g, " ")
                    .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) =>
                      String.fromCharCode(Number.parseInt(hex, 16)),
                    ),
                );
          return decode(bytes, charset);
        } catch {
          return word;
        }
      },
    );
}

/** `"Ada L." <ada@example.com>, bob@example.com, Team: c@example.com;` → addresses with their display names. */
export function addresses(header: string | undefined): MailAddress[] {
  if (!header) return [];
  const items = header.match(/(?:[^,"<]|"(?:[^"\\]|\\.)*"|<[^>]*>)+/g) ?? [];
  return items.flatMap((item) => {
    const cleaned = item
      .replace(/^[^:<"]*:(?!\/\/)/, "")
      .replace(/;\s*$/, "")
      .replace(/\([^)]*\)/g, "")
      .trim();
    const angle = /<([^>]*)>/.exec(cleaned);
    const address = (angle ? (angle[1] ?? "") : cleaned).trim();
    if (!address.includes("@")) return [];
    const name = angle
      ? cleaned
          .slice(0, angle.index)
          .trim()
          .replace(/^"(.*)"$/, "$1")
          .replace(/\\(.)/g, "$1")
      : "";
    return [{ address, name: decodeWords(name) }];
  });
}
