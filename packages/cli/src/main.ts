import { didYouMean, listOr, PROJECT_URL, UsageError } from "@smtpcfg/core";
import yargs from "yargs";
import { type EmulateArguments, emulateCommand, emulateOptions } from "./commands/emulate.js";
import { type ExplainArguments, explainCommand, explainOptions } from "./commands/explain.js";
import { type GenerateArguments, generateCommand, generateOptions } from "./commands/generate.js";
import { type ImportArguments, importCommand, importOptions } from "./commands/import.js";
import { type LintArguments, lintCommand, lintOptions } from "./commands/lint.js";
import { type VerifyArguments, verifyCommand, verifyOptions } from "./commands/verify.js";
import { EXIT } from "./exit-codes.js";
import type { Io } from "./io.js";
import { declaredOptions, rejectRepeatedOptions } from "./repeated-option.js";
import { reportFailure } from "./report-failure.js";
import { VERSION } from "./version.js";

/** The commands, as declared below: a first word that is none of them is a mistyped command. */
export const COMMANDS = ["lint", "generate", "import", "explain", "emulate", "verify"] as const;

/**
 * A usage error as one line: yargs's message (some span lines) joined, and where to read more:
 * the help of the command given, or the top-level help.
 */
function usageLine(message: string, argv: readonly string[]): string {
  const command = COMMANDS.find((name) => name === argv[0]);
  return `${message.replace(/\s*\n\s*/g, " ").trim()} (smtpcfg ${command === undefined ? "" : `${command} `}--help)`;
}

/** The error for a first word that is neither an option nor a command, or undefined. */
function unknownCommand(argv: readonly string[]): UsageError | undefined {
  const [first] = argv;
  if (first === undefined || first.startsWith("-") || (COMMANDS as readonly string[]).includes(first)) return undefined;
  const hint = didYouMean(first, COMMANDS) || `; the commands are ${listOr([...COMMANDS])}`;
  return new UsageError(`unknown command ${JSON.stringify(first)}${hint}`);
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
    .command<LintArguments>(
      "lint [paths..]",
      "Lint smtpcfg configs, Omada notificationSettings XML and Exchange Online PowerShell scripts",
      (y) => lintOptions(y),
      async (args) => {
        exitCode = await lintCommand(args, io);
      },
    )
    .command<GenerateArguments>(
      "generate",
      "Write the PowerShell scripts (Entra ID, Exchange Online) and Omada notificationSettings XML the config describes",
      (y) => generateOptions(y),
      async (args) => {
        exitCode = await generateCommand(args, io);
      },
    )
    .command<ImportArguments>(
      "import <file>",
      "Print a config made of an existing Omada notificationSettings XML (the client secret becomes an env reference, never copied)",
      (y) => importOptions(y),
      async (args) => {
        exitCode = await importCommand(args, io);
      },
    )
    .command<ExplainArguments>(
      "explain [query..]",
      "Explain an AADSTS code, an SMTP reply, a knowledge-base id or a lint rule: cause, fix, PowerShell to run, links",
      (y) => explainOptions(y),
      async (args) => {
        exitCode = await explainCommand(args, io);
      },
    )
    .command<EmulateArguments>(
      "emulate",
      "Run a local Entra token endpoint and Exchange-Online-like SMTP server for the config's tenants, with faults to rehearse failures",
      (y) => emulateOptions(y),
      async (args) => {
        exitCode = await emulateCommand(args, io);
      },
    )
    .command<VerifyArguments>(
      "verify",
      "Prove each mailbox end to end: token, claim checks, SMTP STARTTLS and AUTH XOAUTH2, optionally a test message; diagnose any failure",
      (y) => verifyOptions(y),
      async (args) => {
        exitCode = await verifyCommand(args, io);
      },
    )
    .option("verbose", { describe: "Show stack traces of internal errors", type: "boolean", global: true })
    .check((args) => rejectRepeatedOptions(args, declaredOptions(cli)), true)
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
      throw error ?? new UsageError(message);
    });
  try {
    const unknown = unknownCommand(argv);
    if (unknown) throw unknown;
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
