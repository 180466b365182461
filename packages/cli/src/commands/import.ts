import { statSync } from "node:fs";
import { resolve } from "node:path";
import { InputError, importNotificationSettings, UsageError } from "@smtpcfg/core";
import type { Argv } from "yargs";
import { EXIT } from "../exit-codes.js";
import { fileErrorReason } from "../file-error.js";
import type { Io } from "../io.js";
import { readSource } from "../read-source.js";

export interface ImportArguments {
  file: string;
  tenantName: string | undefined;
}

export function importOptions(yargs: Argv): Argv<ImportArguments> {
  return yargs
    .positional("file", { describe: "The Omada notificationSettings XML to import", type: "string", demandOption: true })
    .option("tenant-name", {
      describe: "Name of the tenant in the config (default: made from the tenant's or the mailbox's domain)",
      type: "string",
      requiresArg: true,
    })
    .example("$0 import notificationSettings.xml > smtpcfg.yaml", "Start a config from the settings Omada uses today")
    .example("$0 import prod.notificationSettings.xml --tenant-name contoso", "Name the tenant yourself")
    .epilogue(
      "Exit codes: 0 the config was printed, 2 usage error, or a file that is missing, unreadable or cannot be imported, 3 internal error.",
    )
    .strict() as unknown as Argv<ImportArguments>;
}

/** Prints the config to stdout (redirect it to a file); the problems that keep a file from being imported go to stderr, with exit code 2. */
export async function importCommand(args: ImportArguments, io: Io): Promise<number> {
  const path = resolve(io.cwd, args.file);
  try {
    if (!statSync(path).isFile()) throw new InputError(`${args.file} is not a file`);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${args.file}: ${fileErrorReason(error)}`);
  }
  const read = readSource(path);
  if ("diagnostic" in read) throw new InputError(`${args.file}: ${read.diagnostic.message}`);
  const options = args.tenantName === undefined ? {} : { tenantName: args.tenantName };
  const result = importNotificationSettings({ ...read.source, file: args.file }, options);
  if (!result.ok) {
    const usage = result.problems.find((problem) => problem.kind === "usage");
    if (usage) throw new UsageError(usage.message);
    for (const problem of result.problems) io.stderr.write(`smtpcfg: ${problem.message}\n`);
    return EXIT.usage;
  }
  io.stdout.write(result.text);
  return EXIT.ok;
}
