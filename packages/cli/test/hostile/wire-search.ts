import { secretsIn } from "../secret-search.js";

/** Whether bytes recorded on the wire carry `secret` readably: as is, or inside base64 such as the argument of AUTH XOAUTH2. */
export function carriesInClear(received: Buffer, secret: string): boolean {
  return secretsIn(received.toString("latin1"), { secret }).includes("secret");
}
