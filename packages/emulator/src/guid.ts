import { createHash } from "node:crypto";

/** A GUID that is always the same for the same text: the ids a real tenant would have assigned, made up but stable. */
export function deterministicGuid(text: string): string {
  const hex = createHash("sha256").update(text).digest("hex");
  // Version 5 and the RFC 4122 variant, as name-based GUIDs have.
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
