import { UsageError } from "@smtpcfg/core";
import { givenOption, longOption, optionWords } from "./option-values.js";

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
 * Throws a usage error when an option that takes one value was given more than once. Counted in
 * the words of the command line, as yargs does not always say: it collects the values in an
 * array, which the command would take for a string, but adds a number option's second value to
 * the first when it is 1 (`--max-warnings 1 --max-warnings 1` is 2). And in yargs's values, for
 * short options run together (`-ff json`). Options declared as arrays (`--fault`, `--tenant`) may repeat.
 */
export function rejectRepeatedOptions(argv: readonly string[], args: Record<string, unknown>, declared: DeclaredOptions): true {
  const once = (key: string) => Object.hasOwn(declared.key, key) && !declared.array.includes(key);
  const seen = new Set<string>();
  for (const word of optionWords(argv)) {
    const given = givenOption(word, declared);
    // A flag given twice says the same thing twice.
    if (given === undefined || !once(given.key) || declared.boolean.includes(given.key)) continue;
    if (seen.has(given.key)) throw new UsageError(`${given.option} given more than once: give it once`);
    seen.add(given.key);
  }
  for (const name of Object.keys(declared.key)) {
    if (once(name) && Array.isArray(args[name])) throw new UsageError(`${longOption(name, declared)} given more than once: give it once`);
  }
  return true;
}
