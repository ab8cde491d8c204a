/** A new signing secret: 32 random bytes, prefixed so it is recognisable in a secrets manager. */
export function newSigningSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, "")}`;
}
