/**
 * Whether bytes recorded on the wire carry `secret` readably: as is, or inside a base64 word such
 * as the argument of AUTH XOAUTH2 (base64 of "user=…\x01auth=Bearer TOKEN\x01\x01").
 */
export function carriesInClear(received: Buffer, secret: string): boolean {
  const text = received.toString("latin1");
  if (text.includes(secret)) return true;
  return text
    .split(/\s+/)
    .filter((word) => /^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(word))
    .some((word) => Buffer.from(word, "base64").toString("latin1").includes(secret));
}
