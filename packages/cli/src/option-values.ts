import { listAnd, UsageError } from "@smtpcfg/core";
import type { DeclaredOptions } from "./repeated-option.js";

/** An option as the user reads it in --help: its long name (`-t` given: `--tenant`), the name yargs keys its value by. */
export function longOption(given: string, declared: DeclaredOptions): string {
  // yargs lists an option's aliases under the name it was declared with, the long one.
  const name = Object.keys(declared.alias).find((key) => declared.alias[key]?.includes(given)) ?? given;
  return `${name.length === 1 ? "-" : "--"}${name}`;
}

/**
 * The option a word of the command line gives (`-c`, `--config`, `--config=a.yaml`), by its long
 * name and the key yargs reads it under, with what follows its `=` (undefined without one);
 * undefined for a word that is no option.
 */
export function givenOption(
  word: string,
  declared: DeclaredOptions,
): { option: string; key: string; value: string | undefined } | undefined {
  const match = /^--?([^=-][^=]*)(?:=(.*))?$/s.exec(word);
  if (!match) return undefined;
  const option = longOption(match[1] ?? "", declared);
  return { option, key: option.replace(/^--?/, ""), value: match[2] };
}

const blank = (value: unknown) => typeof value === "string" && value.trim() === "";

/** The words of a command line that may be options: those before `--`, after which every word is a path or a value. */
export function optionWords(argv: readonly string[]): readonly string[] {
  const end = argv.indexOf("--");
  return end < 0 ? argv : argv.slice(0, end);
}

/**
 * Gives the words after `--` to the command, as words that are no options (`smtpcfg lint --
 * -draft.yaml`): yargs sets them apart and never fills a positional with them, so that
 * `smtpcfg lint -- a.yaml` linted ./smtpcfg.yaml and `smtpcfg verify -- --endpoints x.json` went to
 * Microsoft's endpoints. They are added to the command's list of words (`lint [paths..]`,
 * `explain [query..]`); a command that has none refuses them. `usage` is the command's, as yargs
 * declares it.
 */
export function takeWordsAfterDoubleDash(args: Record<string, unknown>, usage: string): void {
  const words = args["--"];
  if (!Array.isArray(words) || words.length === 0) return;
  delete args["--"];
  const [command, ...positionals] = usage.split(" ");
  const list = /^[[<]([^.\]>]+)\.\.[\]>]$/.exec(positionals.at(-1) ?? "")?.[1];
  const given = words.map(String);
  if (list === undefined) {
    const quoted = listAnd(given.map((word) => JSON.stringify(word)));
    throw new UsageError(`the words after -- (${quoted}) are not read by smtpcfg ${command}: options go before --`);
  }
  args[list] = [...((args[list] as unknown[] | undefined) ?? []), ...given];
}

/**
 * Throws a usage error for an option given with an empty value: `--tenant "$TENANT"` or
 * `--out=$OUT` with the variable empty, or `--config` with nothing after it. yargs takes "" or []
 * for such an option (a number: 0 for `--max-warnings=` or `--max-warnings ""`), and a command would run on that: a
 * --check that compares nothing, the working folder for a file. Options with nothing after them
 * at all are refused by yargs itself (requiresArg); main() words both alike.
 */
export function rejectEmptyValues(argv: readonly string[], args: Record<string, unknown>, declared: DeclaredOptions): true {
  const words = optionWords(argv);
  for (const [index, token] of words.entries()) {
    const given = givenOption(token, declared);
    if (given === undefined) continue;
    const { option, key } = given;
    if (declared.boolean.includes(key) || !Object.hasOwn(declared.key, key)) continue;
    const value = args[key];
    // The word itself as well as the value: yargs reads a number option's "" as 0.
    const word = given.value ?? words[index + 1];
    const empty = blank(word) || blank(value) || (Array.isArray(value) && (value.length === 0 || value.some(blank)));
    if (empty) throw new UsageError(`${option} needs a value`);
  }
  return true;
}

/**
 * Throws a usage error for a flag given a value other than true or false (`--quiet=yes`,
 * `--fix=1`): yargs reads any such value as false, and the run went on without what was asked.
 */
export function rejectFlagValues(argv: readonly string[], declared: DeclaredOptions): true {
  for (const word of optionWords(argv)) {
    const given = givenOption(word, declared);
    if (given?.value === undefined || !declared.boolean.includes(given.key) || ["true", "false"].includes(given.value)) continue;
    throw new UsageError(
      `${given.option} takes no value, not ${JSON.stringify(given.value)}: give ${given.option} alone, or ${given.option}=false`,
    );
  }
  return true;
}
