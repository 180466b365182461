import { didYouMean, listOr, PROJECT_URL, UsageError } from "@smtpcfg/core";
import yargs, { type Argv } from "yargs";
import { type EmulateArguments, emulateCommand, emulateOptions } from "./commands/emulate.js";
import { type ExplainArguments, explainCommand, explainOptions } from "./commands/explain.js";
import { type GenerateArguments, generateCommand, generateOptions } from "./commands/generate.js";
import { type ImportArguments, importCommand, importOptions } from "./commands/import.js";
import { type LintArguments, lintCommand, lintOptions } from "./commands/lint.js";
import { type VerifyArguments, verifyCommand, verifyOptions } from "./commands/verify.js";
import { EXIT } from "./exit-codes.js";
import type { Io } from "./io.js";
import { camelCase } from "./lint-argv.js";
import { longOption, optionWords, rejectEmptyValues, rejectFlagValues, takeWordsAfterDoubleDash } from "./option-values.js";
import { declaredOptions, rejectRepeatedOptions } from "./repeated-option.js";
import { reportFailure } from "./report-failure.js";
import { VERSION } from "./version.js";

/** A command: its yargs usage (its name first), description, options, and what runs it. */
interface Command<Arguments> {
  usage: string;
  describe: string;
  options(yargs: Argv): Argv<Arguments>;
  run(args: Arguments, io: Io): Promise<number>;
}

/**
 * A command of any arguments, for the list: each keeps its own types where it is declared. Its
 * options and run are reached only through arrows: the other commands' code is a chunk of its
 * own, loaded only when one of them runs.
 */
const command = <Arguments>(spec: Command<Arguments>) => spec as unknown as Command<unknown>;

const COMMAND_SPECS: readonly Command<unknown>[] = [
  command<LintArguments>({
    usage: "lint [paths..]",
    describe: "Lint smtpcfg configs, Omada notificationSettings XML and Exchange Online PowerShell scripts",
    options: (yargs) => lintOptions(yargs),
    run: (args, io) => lintCommand(args, io),
  }),
  command<GenerateArguments>({
    usage: "generate",
    describe: "Write the PowerShell scripts (Entra ID, Exchange Online) and Omada notificationSettings XML the config describes",
    options: (yargs) => generateOptions(yargs),
    run: (args, io) => generateCommand(args, io),
  }),
  command<ImportArguments>({
    usage: "import <file>",
    describe:
      "Print a config made of an existing Omada notificationSettings XML (the client secret becomes an env reference, never copied)",
    options: (yargs) => importOptions(yargs),
    run: (args, io) => importCommand(args, io),
  }),
  command<ExplainArguments>({
    usage: "explain [query..]",
    describe: "Explain an AADSTS code, an SMTP reply, a knowledge-base id or a lint rule: cause, fix, PowerShell to run, links",
    options: (yargs) => explainOptions(yargs),
    run: (args, io) => explainCommand(args, io),
  }),
  command<EmulateArguments>({
    usage: "emulate",
    describe:
      "Run a local Entra token endpoint and Exchange-Online-like SMTP server for the config's tenants, with faults to rehearse failures",
    options: (yargs) => emulateOptions(yargs),
    run: (args, io) => emulateCommand(args, io),
  }),
  command<VerifyArguments>({
    usage: "verify",
    describe:
      "Prove each mailbox end to end: token, claim checks, SMTP STARTTLS and AUTH XOAUTH2, optionally a test message; diagnose any failure",
    options: (yargs) => verifyOptions(yargs),
    run: (args, io) => verifyCommand(args, io),
  }),
];

/** The commands' names: a first word that is none of them is a mistyped command. */
export const COMMANDS: readonly string[] = COMMAND_SPECS.map((spec) => spec.usage.split(" ")[0] as string);

/** The options that may come before the command and take no value. */
const GLOBAL_FLAGS = new Set(["--verbose", "--help", "-h", "--version"]);

/**
 * The command word of a command line: its first word, after those global options only. Other
 * options may come first too (`--format json lint`): then yargs finds the command among them.
 */
function commandWord(argv: readonly string[]): string | undefined {
  const word = argv.find((arg) => !GLOBAL_FLAGS.has(arg));
  return word === undefined || word.startsWith("-") ? undefined : word;
}

/**
 * A usage error as one line: yargs's message (some span lines) joined, and where to read more:
 * the help of the command given, or the top-level help.
 */
function usageLine(message: string, argv: readonly string[]): string {
  const word = commandWord(argv);
  const command = COMMANDS.find((name) => name === word);
  return `${message.replace(/\s*\n\s*/g, " ").trim()} (smtpcfg ${command === undefined ? "" : `${command} `}--help)`;
}

/**
 * yargs's unknown options, each named once: yargs names `--max-warning` also as `maxWarning`, the
 * key it reads it under, as if a second option had been given.
 */
function unknownOptions(names: string): string {
  const given = names.split(", ");
  const typed = given.filter((name) => !given.some((other) => other !== name && camelCase(other) === name));
  return `Unknown argument${typed.length === 1 ? "" : "s"}: ${typed.join(", ")}`;
}

/**
 * yargs's words for an option given no value (`--tenant $TENANT`, the variable empty, or the
 * option last on the line), as rejectEmptyValues says it, and for unknown options; other messages
 * as they are.
 */
function usageMessage(message: string, cli: object): string {
  const unknown = /^Unknown arguments?: (.+)$/.exec(message)?.[1];
  if (unknown !== undefined) return unknownOptions(unknown);
  const option = /^Not enough arguments following: (\S+)$/.exec(message)?.[1];
  return option === undefined ? message : `${longOption(option, declaredOptions(cli))} needs a value`;
}

/**
 * "-", which many tools read as standard input: no command reads it, and yargs would drop it
 * without a word, so that `cat a.yaml | smtpcfg lint -` linted ./smtpcfg.yaml instead.
 */
function standardInput(argv: readonly string[]): UsageError | undefined {
  return optionWords(argv).includes("-") ? new UsageError('"-" (standard input) is not read by smtpcfg: name the file instead') : undefined;
}

/** The error for a command word that is no command, or undefined. */
function unknownCommand(argv: readonly string[]): UsageError | undefined {
  const word = commandWord(argv);
  if (word === undefined || COMMANDS.includes(word)) return undefined;
  const hint = didYouMean(word, COMMANDS) || `; the commands are ${listOr([...COMMANDS])}`;
  return new UsageError(`unknown command ${JSON.stringify(word)}${hint}`);
}

/** Parses argv, runs one command and returns its exit code. Never calls process.exit. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = EXIT.ok;
  const verbose = argv.includes("--verbose");
  const cli = yargs()
    .scriptName("smtpcfg")
    .usage(
      "$0 <command> [options]\n\nDeclarative, checked and provable Exchange Online SMTP AUTH (OAuth2 client credentials) for Omada Identity.",
    )
    .option("verbose", { describe: "Show stack traces of internal errors", type: "boolean", global: true })
    .middleware((args) => {
      const spec = COMMAND_SPECS.find((candidate) => candidate.usage.split(" ")[0] === args._[0]);
      if (spec) takeWordsAfterDoubleDash(args, spec.usage);
    }, true)
    .check((args) => {
      const declared = declaredOptions(cli);
      return rejectRepeatedOptions(argv, args, declared) && rejectEmptyValues(argv, args, declared) && rejectFlagValues(argv, declared);
    }, true)
    .example("$0 lint", "Lint ./smtpcfg.yaml")
    .example("$0 generate", "Write ./generated/<tenant>/ from ./smtpcfg.yaml")
    .example("$0 import notificationSettings.xml > smtpcfg.yaml", "Start a config from an Omada notificationSettings file")
    .example("$0 verify --send --to me@contoso.com", "Prove every mailbox of ./smtpcfg.yaml works, with a test message")
    .example("$0 explain 535 5.7.3", "What an error means, and what to run")
    .demandCommand(1, `name a command: ${listOr([...COMMANDS])}`)
    .strict()
    .version(VERSION)
    .alias("h", "help")
    .wrap(Math.min(110, process.stdout.columns ?? 80))
    .epilogue(`Exit codes: 0 clean, 1 findings, 2 usage, unreadable input or unwritable output, 3 internal error.\nDocs: ${PROJECT_URL}`)
    .exitProcess(false)
    .fail((message, error) => {
      // yargs's own errors (YError: an option given no value, say) are the command line's; any other is a command's.
      if (error !== undefined && error.name !== "YError") throw error;
      throw new UsageError(usageMessage(message ?? error?.message ?? "", cli));
    });
  for (const spec of COMMAND_SPECS) {
    cli.command(spec.usage, spec.describe, spec.options, async (args) => {
      exitCode = await spec.run(args, io);
    });
  }
  try {
    const refused = unknownCommand(argv) ?? standardInput(argv);
    if (refused) throw refused;
    let output = "";
    await cli.parseAsync([...argv], {}, (_error, _args, text) => {
      output = text;
    });
    if (output) io.stdout.write(`${output}\n`);
    return exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`smtpcfg: ${usageLine(error.message, argv)}\n`);
      return EXIT.usage;
    }
    return reportFailure(error, io, verbose);
  }
}
