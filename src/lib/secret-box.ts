import { toHex } from "./ids";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const keys = new Map<string, Promise<CryptoKey>>();

/** The AES-256-GCM key for stored secrets: SHA-256 of the `NOVU_ENCRYPTION_KEY` Worker secret. */
function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle
      .digest("SHA-256", encoder.encode(secret))
      .then((raw) => crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]));
    keys.set(secret, key);
  }
  return key;
}

function requireSecret(env: Env): string {
  if (!env.NOVU_ENCRYPTION_KEY) throw new Error("NOVU_ENCRYPTION_KEY is not configured");
  return env.NOVU_ENCRYPTION_KEY;
}

/** Encrypts a JSON value as `v1.<iv hex>.<ciphertext base64>`; a fresh IV per value. */
export async function seal(env: Env, value: unknown): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await keyFor(requireSecret(env));
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv },
    key,
    encoder.encode(JSON.stringify(value)),
  );
  return `v1.${toHex(iv)}.${btoa(String.fromCharCode(...new Uint8Array(ciphertext)))}`;
}

export async function open<T>(env: Env, sealed: string): Promise<T> {
  const [version, ivHex, body] = sealed.split(".");
  if (version !== "v1" || !ivHex || !body) throw new Error("unrecognised sealed value");
  const iv = new Uint8Array(ivHex.match(/../g)?.map((byte) => Number.parseInt(byte, 16)) ?? []);
  const ciphertext = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  const key = await keyFor(requireSecret(env));
  const plaintext = await crypto.subtle.decrypt({ name: "AES-GCM", iv }, key, ciphertext);
  return JSON.parse(decoder.decode(plaintext)) as T;
}
