import { UsageError } from "@smtpcfg/core";
import { longOption } from "./option-values.js";

/** What yargs's getOptions() tells about the declared options (the part read here and in option-values.ts). */
export interface DeclaredOptions {
  key: Record<string, unknown>;
  array: string[];
  boolean: string[];
  alias: Record<string, string[]>;
}

/** The options declared so far, the running command's included: yargs has getOptions() but its types leave it out. */
export function declaredOptions(cli: object): DeclaredOptions {
  return (cli as { getOptions(): DeclaredOptions }).getOptions();
}

/**
 * Throws a usage error when an option that takes one value was given more than once (yargs
 * collects the values in an array, which the command would take for a string). Options declared
 * as arrays (`--fault`, `--tenant`) may repeat.
 */
export function rejectRepeatedOptions(argv: Record<string, unknown>, declared: DeclaredOptions): true {
  for (const name of Object.keys(declared.key)) {
    if (!declared.array.includes(name) && Array.isArray(argv[name])) {
      throw new UsageError(`${longOption(name, declared)} given more than once: give it once`);
    }
  }
  return true;
}
