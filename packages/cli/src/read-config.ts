import { readFileSync } from "node:fs";
import { type Config, decodeSource, FORMATTERS, InputError, lintFile, loadConfig, shellWord } from "@smtpcfg/core";
import { EXIT } from "./exit-codes.js";
import { fileErrorReason } from "./file-error.js";
import type { Io } from "./io.js";
import { VERSION } from "./version.js";

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/**
 * The config's bytes (for its hash) and model, for a command that acts on it; a config with lint
 * errors is refused with its diagnostics, `refusal` (what `command` did not do) and a pointer to
 * `smtpcfg lint`: exit code 2.
 */
export async function readConfig(
  path: string,
  given: string,
  io: Io,
  command: string,
  refusal: string,
): Promise<{ bytes: Buffer; config: Config } | number> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError(`no config ${given}; name one with --config (smtpcfg ${command} --help)`);
    throw new InputError(`cannot read ${given}: ${fileErrorReason(error)}`);
  }
  const decoded = decodeSource(path, bytes);
  const errors = decoded.ok ? (await lintFile(decoded.source, "config")).filter((d) => d.severity === "error") : [decoded.diagnostic];
  const config = decoded.ok ? loadConfig(decoded.source).config : undefined;
  if (errors.length > 0 || !config) {
    io.stderr.write(FORMATTERS.compact(errors, { cwd: io.cwd, color: false, toolVersion: VERSION }));
    io.stderr.write(`smtpcfg: ${given} has ${plural(errors.length, "error")}: ${refusal}. Run: smtpcfg lint ${shellWord(given)}\n`);
    return EXIT.usage;
  }
  return { bytes, config };
}
