import { existsSync, statSync } from "node:fs";
import { relative, resolve } from "node:path";
import {
  compareDiagnostics,
  countBySeverity,
  type Diagnostic,
  encodeSource,
  type FileKind,
  FORMATTERS,
  type FormatName,
  fileKind,
  fixFile,
  InputError,
  type LintableConfig,
  type LintOptions,
  type LintSettings,
  lintFile,
  lintText,
  literalSecrets,
  loadConfig,
  redactSecrets,
  type SourceText,
  shellWord,
  UsageError,
} from "@smtpcfg/core";
import { createTwoFilesPatch } from "diff";
import type { Argv } from "yargs";
import { EXIT } from "../exit-codes.js";
import { fileErrorReason } from "../file-error.js";
import { collectFiles } from "../files.js";
import { type Io, useColor } from "../io.js";
import { type InputContext, optionsFor, readInput } from "../lint-input.js";
import { readSource } from "../read-source.js";
import { VERSION } from "../version.js";
import { writeFileAtomic } from "../write-atomic.js";

export interface LintArguments {
  paths: string[];
  format: FormatName;
  config: string | undefined;
  maxWarnings: number | undefined;
  quiet: boolean;
  fix: boolean;
  fixDryRun: boolean;
  skipUnrecognized: boolean;
}

export const DEFAULT_CONFIG = "smtpcfg.yaml";

export function lintOptions(yargs: Argv): Argv<LintArguments> {
  return yargs
    .positional("paths", {
      describe: "Files to lint, or folders to search for smtpcfg.yaml, *.smtpcfg.yaml, Omada notificationSettings XML and .ps1 scripts",
      type: "string",
      array: true,
      default: [] as string[],
      // No path given means ./smtpcfg.yaml: the help says that, not the empty list yargs holds.
      defaultDescription: `./${DEFAULT_CONFIG}`,
    })
    .option("format", {
      alias: "f",
      describe: "Output format",
      choices: Object.keys(FORMATTERS) as FormatName[],
      default: "stylish" as FormatName,
      requiresArg: true,
    })
    .option("config", {
      alias: "c",
      describe:
        "Config whose `lint` block (rule severities and options) applies to every file, and that XML files and scripts are compared with",
      type: "string",
      requiresArg: true,
    })
    .option("fix", {
      describe: "Repair what can be repaired, in place (encoding, BOM and line endings kept), and report what is left",
      type: "boolean",
      default: false,
    })
    .option("fix-dry-run", {
      describe: "Print the repairs --fix would make as a unified diff; write nothing",
      type: "boolean",
      default: false,
    })
    .option("max-warnings", {
      describe: "Exit with 1 on more warnings than this",
      type: "number",
      requiresArg: true,
    })
    .option("quiet", {
      alias: "q",
      describe: "Report errors only",
      type: "boolean",
      default: false,
    })
    .option("skip-unrecognized", {
      describe:
        "Skip named files that are not smtpcfg configs, notificationSettings XML or PowerShell scripts by name and content (for pre-commit and lint-staged)",
      type: "boolean",
      default: false,
    })
    .example("$0 lint", `Lint ./${DEFAULT_CONFIG}`)
    .example(
      "$0 lint configs/ --format github",
      "Lint every config, notificationSettings file and script below configs/, as GitHub Actions annotations",
    )
    .example("$0 lint notificationSettings.xml --fix", "Repair the XML in place (declaration, attributes written as text, TLS mode, …)")
    .example("$0 lint notificationSettings.xml --fix-dry-run", "Show the repairs as a diff without writing them")
    .example("$0 lint scripts/*.ps1 --config smtpcfg.yaml", "Check scripts against the object ids and mailboxes of the config")
    .example("$0 lint smtpcfg.yaml --format sarif > smtpcfg.sarif", "SARIF for code scanning")
    .example("$0 lint --max-warnings 0", "Fail on warnings too (for CI)")
    .epilogue(
      "Exit codes: 0 no errors and no more warnings than --max-warnings, 1 errors or more warnings, 2 usage error, unreadable input or unwritable output, 3 internal error.",
    ) as unknown as Argv<LintArguments>;
}

/**
 * What `--config` contributes: its `lint` block, and the config itself for rules that compare
 * XML files and scripts with it. A file holding only a `lint` block will do (what it lacks at the
 * top level is not held against it); any other finding makes it unusable: run `smtpcfg lint` on it.
 */
function configContext(configPath: string, cwd: string): Pick<LintOptions, "settings" | "config"> {
  const read = readSource(resolve(cwd, configPath));
  if ("diagnostic" in read) throw new InputError(`--config ${configPath}: ${read.diagnostic.message}`);
  const kind = fileKind(read.source.file, read.source.text);
  if (kind !== "config") {
    // Linting it would lint it as what it is, and say nothing about why --config refuses it.
    const what = kind === "xml" ? "an XML file" : "a PowerShell script";
    throw new InputError(
      `--config ${configPath} is ${what}, not a smtpcfg config: --config takes a smtpcfg.yaml (or a file of its lint block)`,
    );
  }
  const loaded = loadConfig(read.source);
  const missingTopLevel = (d: Diagnostic) => d.ruleId === "schema" && d.message.startsWith("the document is missing the required key");
  const problem = loaded.diagnostics.find((d) => d.severity === "error" && !(loaded.yaml && missingTopLevel(d)));
  if (problem || !loaded.yaml) {
    const where = problem ? ` (${problem.range.start.line}:${problem.range.start.column} ${problem.message})` : "";
    throw new InputError(`--config ${configPath} is not a usable configuration${where}; run: smtpcfg lint ${shellWord(configPath)}`);
  }
  const config = loaded.yaml.data as LintableConfig;
  const settings = config.lint as LintSettings | undefined;
  return settings ? { settings, config } : { config };
}

/**
 * What --fix-dry-run prints for a file: the diff on stdout, and on stderr what keeps it from
 * applying. The diff is of the lines as they are on disk, a UTF-8 file's byte order mark in its
 * first, so that git apply and patch -p1 accept it; a UTF-16 file's bytes are not lines a diff can
 * hold, and its diff is of its text.
 */
function writeFixDiff(io: Io, name: string, source: SourceText, kind: FileKind, fixed: string): void {
  const encoding = source.encoding ?? "utf-8";
  const bom = source.bom && encoding === "utf-8" ? "\uFEFF" : "";
  // Without jsdiff's "=====" separator line: what is left is what `git diff` prints.
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, bom + source.text, bom + fixed, "", "", { context: 3 });
  // A diff shows the file's own lines: a client secret written in it must not reach the terminal or a CI log.
  const shown = redactSecrets(patch.replace(/^=+\n/, ""), literalSecrets(source.text, kind));
  io.stdout.write(shown.text);
  if (shown.redacted) {
    io.stderr.write(
      `smtpcfg: the diff for ${name} shows its client secret as ‹secret hidden›; git apply rejects lines that held it: use --fix\n`,
    );
  }
  if (encoding !== "utf-8") {
    io.stderr.write(
      `smtpcfg: ${name} is ${encoding.toUpperCase()}: its diff is of its text, which git apply and patch do not apply to the file's bytes; use --fix\n`,
    );
  }
}

/**
 * Why --fix leaves a file alone that nobody may write (`chmod a-w`), or undefined. The fixes go
 * to a new file that takes the old one's place, which a folder's rights allow whatever the
 * file's own mode says (and root may write anything): the mode is read as what its owner wants.
 */
function readOnly(path: string): string | undefined {
  const mode = statSync(path).mode & 0o7777;
  return (mode & 0o222) === 0 ? `it is read-only (mode ${mode.toString(8).padStart(4, "0")})` : undefined;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

export async function lintCommand(args: LintArguments, io: Io): Promise<number> {
  if (args.fix && args.fixDryRun)
    throw new UsageError("--fix and --fix-dry-run exclude each other: --fix-dry-run shows what --fix would write");
  if (args.maxWarnings !== undefined && (!Number.isInteger(args.maxWarnings) || args.maxWarnings < 0)) {
    // yargs gives NaN for a value that is no number at all: there is nothing of it left to quote.
    const given = Number.isNaN(args.maxWarnings) ? "" : `, not ${args.maxWarnings}`;
    throw new UsageError(`--max-warnings takes a whole number of 0 or more${given}`);
  }
  const paths = args.paths.length > 0 ? args.paths : [DEFAULT_CONFIG];
  if (args.paths.length === 0 && !existsSync(resolve(io.cwd, DEFAULT_CONFIG))) {
    throw new InputError(`no ${DEFAULT_CONFIG} in ${io.cwd}; name the files or folders to lint (smtpcfg lint --help)`);
  }
  const context: InputContext = {
    options: args.config === undefined ? {} : configContext(args.config, io.cwd),
    configGiven: args.config !== undefined,
  };
  const files = collectFiles(paths, io.cwd);
  let diagnostics: Diagnostic[] = [];
  let linted = 0;
  for (const file of files) {
    const input = readInput(file, args.skipUnrecognized);
    if (input === undefined) continue;
    linted++;
    if ("diagnostic" in input) {
      diagnostics.push(input.diagnostic);
      continue;
    }
    const { source, kind } = input;
    const options = optionsFor(kind, context);
    if (!args.fix && !args.fixDryRun) {
      // Only a script waits (for its parser): a config or XML file is linted at once.
      diagnostics.push(...(kind === "powershell" ? await lintFile(source, kind, options) : lintText(source, kind, options)));
      continue;
    }
    const result = await fixFile(source, kind, options);
    diagnostics.push(...result.diagnostics);
    if (result.fixed.length === 0) continue;
    const name = relative(io.cwd, file.path) || file.path;
    const rules = [...new Set(result.fixed.map((d) => d.ruleId))].join(", ");
    if (args.fixDryRun) {
      writeFixDiff(io, name, source, kind, result.text);
      io.stderr.write(`smtpcfg: --fix would fix ${plural(result.fixed.length, "problem")} in ${name} (${rules})\n`);
    } else {
      let refused: string | undefined;
      try {
        refused = readOnly(file.path);
        if (refused === undefined) writeFileAtomic(file.path, encodeSource(source, result.text), { followLinks: true });
      } catch (error) {
        refused = fileErrorReason(error);
      }
      if (refused !== undefined) throw new InputError(`cannot write the fixes to ${name}: ${refused}; it is unchanged`);
      io.stderr.write(`smtpcfg: fixed ${plural(result.fixed.length, "problem")} in ${name} (${rules})\n`);
    }
  }
  if (linted === 0 && !args.skipUnrecognized) {
    throw new InputError(
      `no smtpcfg.yaml, *.smtpcfg.yaml, notificationSettings XML or .ps1 script in ${paths.join(", ")}; name the files to lint`,
    );
  }
  if (args.quiet) diagnostics = diagnostics.filter((d) => d.severity === "error");
  diagnostics.sort(compareDiagnostics);
  // With --fix-dry-run, stdout is the diff alone (it can be piped to `git apply`): findings go to stderr.
  const out = args.fixDryRun ? io.stderr : io.stdout;
  out.write(FORMATTERS[args.format](diagnostics, { cwd: io.cwd, color: useColor(io, out), toolVersion: VERSION }));
  const { errors, warnings } = countBySeverity(diagnostics);
  if (errors > 0) return EXIT.findings;
  if (args.maxWarnings !== undefined && warnings > args.maxWarnings) {
    io.stderr.write(`smtpcfg: ${plural(warnings, "warning")}, more than --max-warnings ${args.maxWarnings}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}
