import type { InboundMail } from "./mail";
import { addresses, bytesOf, decode, decodeWords, parameters } from "./mime-headers";

/**
 * A small MIME reader for inbound mail (no parsing library is installed): headers with folding, RFC 2047 encoded
 * words and RFC 2231 parameters, nested multiparts, base64 and quoted-printable, any charset TextDecoder knows. It
 * takes the first text/plain and text/html parts as the body and describes every other part as an attachment.
 */
export function parseEmail(raw: Uint8Array): InboundMail {
  const root = parseEntity(binary(raw));
  const body = { text: "", html: "", attachments: [] as InboundMail["attachments"] };
  walk(root, body, 0);
  const header = (name: string) => root.headers.get(name);
  const date = new Date(header("date") ?? "");
  const references = header("references")?.match(/<[^>]*>/g) ?? undefined;
  return {
    from: addresses(header("from")),
    to: addresses(header("to")),
    cc: addresses(header("cc")),
    subject: decodeWords(header("subject") ?? ""),
    text: body.text,
    html: body.html,
    headers: Object.fromEntries(root.headers),
    messageId: header("message-id")?.trim() ?? "",
    ...(header("in-reply-to") ? { inReplyTo: header("in-reply-to")?.trim() } : {}),
    ...(references ? { references } : {}),
    date: Number.isNaN(date.getTime()) ? new Date().toISOString() : date.toISOString(),
    attachments: body.attachments,
  };
}

type Entity = { headers: Map<string, string>; body: string };

/** Bytes as a string of code units 0–255, so 8-bit bodies survive until their charset is known. */
function binary(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    out += String.fromCharCode(...bytes.subarray(i, Math.min(i + 0x8000, bytes.length)));
  return out;
}

/** Header lines are unfolded; raw UTF-8 in them (RFC 6532) is read as UTF-8, anything else as Latin-1. */
function parseEntity(text: string): Entity {
  const split = /\r?\n\r?\n/.exec(text);
  const head = split ? text.slice(0, split.index) : text;
  const body = split ? text.slice(split.index + split[0].length) : "";
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n(?=[ \t])/g, "").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (headers.has(name)) continue;
    const value = line.slice(colon + 1).trim();
    let readable = value;
    try {
      readable = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytesOf(value));
    } catch {
      // not UTF-8: Latin-1 as it came
    }
    headers.set(name, readable);
  }
  return { headers, body };
}

type Body = { text: string; html: string; attachments: InboundMail["attachments"] };

function walk(entity: Entity, out: Body, depth: number): void {
  const type = parameters(entity.headers.get("content-type") ?? "text/plain");
  const disposition = parameters(entity.headers.get("content-disposition") ?? "");
  if (type.value.startsWith("multipart/") && type.params.boundary && depth < 10) {
    for (const part of splitParts(entity.body, type.params.boundary)) walk(parseEntity(part), out, depth + 1);
    return;
  }
  const content = transferDecode(entity.body, entity.headers.get("content-transfer-encoding"));
  const filename = disposition.params.filename ?? type.params.name;
  const inline = disposition.value !== "attachment" && !filename;
  if (inline && type.value === "text/plain" && !out.text) out.text = decode(content, type.params.charset);
  else if (inline && type.value === "text/html" && !out.html) out.html = decode(content, type.params.charset);
  else
    out.attachments.push({
      filename: filename ?? (type.value === "message/rfc822" ? "message.eml" : "attachment"),
      contentType: type.value,
      size: content.byteLength,
    });
}

function splitParts(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let current: string[] | undefined;
  for (const line of body.split(/\r?\n/)) {
    if (line.startsWith(delimiter)) {
      if (current) parts.push(current.join("\r\n"));
      if (line.slice(delimiter.length).startsWith("--")) return parts;
      current = [];
    } else current?.push(line);
  }
  if (current) parts.push(current.join("\r\n"));
  return parts;
}

function transferDecode(body: string, encoding = ""): Uint8Array {
  switch (encoding.trim().toLowerCase()) {
    case "base64":
      try {
        return bytesOf(atob(body.replace(/[^A-Za-z0-9+/]/g, "")));
      } catch {
        return bytesOf(body);
      }
    case "quoted-printable":
      return bytesOf(
        body
          .replace(/[ \t]+(?=\r?\n)/g, "")
          .replace(/=\r?\n/g, "")
          .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
      );
    default:
      return bytesOf(body);
  }
}
