import { existsSync } from "node:fs";
import { resolve } from "node:path";
import {
  compareDiagnostics,
  countBySeverity,
  type Diagnostic,
  FORMATTERS,
  type FormatName,
  InputError,
  type LintSettings,
  lintConfig,
  loadConfig,
} from "@smtpcfg/core";
import type { Argv } from "yargs";
import { EXIT } from "../exit-codes.js";
import { collectFiles } from "../files.js";
import { type Io, useColor } from "../io.js";
import { readSource } from "../read-source.js";
import { VERSION } from "../version.js";

export interface LintArguments {
  paths: string[];
  format: FormatName;
  config: string | undefined;
  maxWarnings: number | undefined;
  quiet: boolean;
}

export const DEFAULT_CONFIG = "smtpcfg.yaml";

export function lintOptions(yargs: Argv): Argv<LintArguments> {
  return yargs
    .positional("paths", {
      describe: `Config files, or folders to search for smtpcfg.yaml and *.smtpcfg.yaml (default: ./${DEFAULT_CONFIG})`,
      type: "string",
      array: true,
      default: [] as string[],
    })
    .option("format", {
      alias: "f",
      describe: "Output format",
      choices: Object.keys(FORMATTERS) as FormatName[],
      default: "stylish" as FormatName,
    })
    .option("config", {
      alias: "c",
      describe: "Config whose `lint` block (rule severities and options) applies to every file",
      type: "string",
    })
    .option("max-warnings", {
      describe: "Exit with 1 on more warnings than this",
      type: "number",
    })
    .option("quiet", {
      alias: "q",
      describe: "Report errors only",
      type: "boolean",
      default: false,
    })
    .example("$0 lint", `Lint ./${DEFAULT_CONFIG}`)
    .example("$0 lint configs/ --format github", "Lint every config below configs/, as GitHub Actions annotations")
    .example("$0 lint smtpcfg.yaml --format sarif > smtpcfg.sarif", "SARIF for code scanning")
    .example("$0 lint --max-warnings 0", "Fail on warnings too (for CI)") as unknown as Argv<LintArguments>;
}

function settingsFrom(configPath: string, cwd: string): LintSettings | undefined {
  const read = readSource(resolve(cwd, configPath));
  if ("diagnostic" in read) throw new InputError(`--config ${configPath}: ${read.diagnostic.message}`);
  const loaded = loadConfig(read.source);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (!loaded.config) {
    throw new InputError(
      `--config ${configPath} is not a valid configuration (${errors.length} error${errors.length === 1 ? "" : "s"}); run: smtpcfg lint ${configPath}`,
    );
  }
  return loaded.config.lint;
}

export async function lintCommand(args: LintArguments, io: Io): Promise<number> {
  if (args.maxWarnings !== undefined && (!Number.isInteger(args.maxWarnings) || args.maxWarnings < 0)) {
    throw new InputError(`--max-warnings takes a whole number of 0 or more, not ${String(args.maxWarnings)}`);
  }
  const paths = args.paths.length > 0 ? args.paths : [DEFAULT_CONFIG];
  if (args.paths.length === 0 && !existsSync(resolve(io.cwd, DEFAULT_CONFIG))) {
    throw new InputError(`no ${DEFAULT_CONFIG} in ${io.cwd}; name the files or folders to lint (smtpcfg lint --help)`);
  }
  const settings = args.config === undefined ? undefined : settingsFrom(args.config, io.cwd);
  const files = collectFiles(paths, io.cwd);
  if (files.length === 0) {
    throw new InputError(`no smtpcfg.yaml or *.smtpcfg.yaml in ${paths.join(", ")}; name the files to lint`);
  }
  let diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const read = readSource(file.path);
    if ("diagnostic" in read) diagnostics.push(read.diagnostic);
    else diagnostics.push(...lintConfig(read.source, settings ? { settings } : {}));
  }
  if (args.quiet) diagnostics = diagnostics.filter((d) => d.severity === "error");
  diagnostics.sort(compareDiagnostics);
  io.stdout.write(FORMATTERS[args.format](diagnostics, { cwd: io.cwd, color: useColor(io), toolVersion: VERSION }));
  const { errors, warnings } = countBySeverity(diagnostics);
  if (errors > 0) return EXIT.findings;
  if (args.maxWarnings !== undefined && warnings > args.maxWarnings) {
    io.stderr.write(`smtpcfg: ${warnings} warning${warnings === 1 ? "" : "s"}, more than --max-warnings ${args.maxWarnings}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}
