import { randomBytes } from "node:crypto";
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

let sequence = 0;

/**
 * Writes an accepted message into the outbox as `<time>-<n>-<random>.eml`, through a temporary
 * file renamed into place, so that a reader of the folder never sees half a message.
 */
export function storeMessage(outbox: string, message: Buffer): string {
  const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${++sequence}-${randomBytes(4).toString("hex")}.eml`;
  const temporary = join(outbox, `.${name}.tmp`);
  writeFileSync(temporary, message, { mode: 0o600 });
  const path = join(outbox, name);
  renameSync(temporary, path);
  return path;
}
