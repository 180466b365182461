import { chmodSync, type Dirent, lstatSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import {
  describeProblem,
  GENERATE_KINDS,
  type GeneratedFile,
  type GenerateKind,
  generate,
  generatedKind,
  InputError,
  isGeneratedText,
  type SecretResolver,
  sha256Hex,
  shellWord,
  UsageError,
  unsafeName,
} from "@smtpcfg/core";
import { makeFolders } from "@smtpcfg/core/make-folders";
import { readSecret } from "@smtpcfg/core/secret-reference";
import type { Argv } from "yargs";
import { EXIT } from "../exit-codes.js";
import { fileErrorReason } from "../file-error.js";
import type { Io } from "../io.js";
import { leadsOutside, realPath } from "../out-folder.js";
import { readConfig } from "../read-config.js";
import { writeFileAtomic } from "../write-atomic.js";

export interface GenerateArguments {
  /** Undefined when not given: a yargs default would also stand in for a value left out (`--out $OUT`, the variable empty). */
  config: string | undefined;
  out: string | undefined;
  tenant: string[] | undefined;
  only: GenerateKind[] | undefined;
  check: boolean;
  force: boolean;
}

/** The arguments with every option that was given holding a value, and the defaults in place. */
interface Settled extends GenerateArguments {
  config: string;
  out: string;
}

const DEFAULT_CONFIG = "smtpcfg.yaml";
const DEFAULT_OUT = "generated";
const SECRET_MODE = 0o600;

export function generateOptions(yargs: Argv): Argv<GenerateArguments> {
  return yargs
    .option("config", {
      alias: "c",
      describe: "The config to generate from",
      type: "string",
      defaultDescription: JSON.stringify(DEFAULT_CONFIG),
    })
    .option("out", {
      alias: "o",
      describe: "Folder to write to: one folder per tenant inside it",
      type: "string",
      defaultDescription: JSON.stringify(DEFAULT_OUT),
    })
    .option("tenant", { alias: "t", describe: "Only this tenant (by name; repeat for several)", type: "string", array: true })
    .option("only", {
      describe: "Only these files: entra (01-entra-app.ps1), exchange (02-exchange-online.ps1), omada (notificationSettings XML)",
      choices: GENERATE_KINDS,
      array: true,
    })
    .option("check", {
      describe: "Write nothing; exit 1 and list the files that are stale, missing, extra, or hold a secret others can read (for CI)",
      type: "boolean",
      default: false,
    })
    .option("force", {
      describe: "Also replace files that smtpcfg did not generate (they have no generated header)",
      type: "boolean",
      default: false,
    })
    .example("$0 generate", `Write ./${DEFAULT_OUT}/<tenant>/ from ./${DEFAULT_CONFIG}`)
    .example("$0 generate --check", "In CI: fail when the committed files differ from what the config gives")
    .example("$0 generate -c prod.smtpcfg.yaml -o scripts/", "Another config and output folder")
    .example("$0 generate --tenant contoso --only omada", "Only contoso's notificationSettings files")
    .epilogue(
      "Exit codes: 0 written (with --check: up to date), 1 --check found files out of date, 2 usage error, a config with errors, a file in the way or output that cannot be written, 3 internal error.",
    )
    .strict() as unknown as Argv<GenerateArguments>;
}

/**
 * The arguments with the defaults in place. They are not yargs defaults, which would also stand
 * in for an option given with an empty value (main() refuses those: `--out $OUT`, the variable
 * empty, would have written into ./generated).
 */
function settle(args: GenerateArguments): Settled {
  return { ...args, config: args.config ?? DEFAULT_CONFIG, out: args.out ?? DEFAULT_OUT };
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
const shown = (cwd: string, path: string) => relative(cwd, path) || ".";

/** Secrets for `secret: env`: read as verify and the emulator read them (an environment variable, or a file relative to the config). */
function secretResolver(io: Io, configDir: string): SecretResolver {
  return (reference) => {
    const read = readSecret(reference, { configDir, env: io.env });
    return "value" in read ? read : { problem: `has no value: ${read.problem.detail}` };
  };
}

type State = "current" | "stale" | "missing";

interface Planned {
  file: GeneratedFile;
  path: string;
  state: State;
  /** The file there has no generated header: replaced only with --force. */
  foreign: boolean;
  /** A secret file readable by others than its owner. */
  looseMode: boolean;
  /** The file itself is a symbolic link: written through, so that the link stays. */
  link: boolean;
  /** Where a symbolic link on the way really takes the file, when that is outside the output folder. */
  outside?: string;
}

function plan(file: GeneratedFile, outDir: string, cwd: string): Planned {
  const path = join(outDir, ...file.path.split("/"));
  const outside = leadsOutside(outDir, path);
  const through = outside === undefined ? {} : { outside };
  let link = false;
  let stats: ReturnType<typeof lstatSync>;
  try {
    link = lstatSync(path).isSymbolicLink();
    // A link is judged by the file it leads to: one that stays inside the output folder is the
    // user's layout, written through and kept; one that leads outside only with --force.
    stats = statSync(path);
  } catch (error) {
    // Found before anything is written: a file where the output needs a folder.
    if ((error as NodeJS.ErrnoException).code === "ENOTDIR")
      throw new InputError(`${shown(cwd, path)} cannot be written: a part of its path is a file, not a folder`);
    // A dangling link (or a loop) inside: writing would replace the link, which is the user's.
    if (link && outside === undefined)
      throw new InputError(`${shown(cwd, path)} is in the way: it is a symbolic link that leads nowhere (generate writes a file there)`);
    return { file, path, state: "missing", foreign: false, looseMode: false, link, ...through };
  }
  if (!stats.isFile()) {
    const what = link ? "a symbolic link to something that is not a file" : "not a file";
    throw new InputError(`${shown(cwd, path)} is in the way: it is ${what} (generate writes a file there)`);
  }
  const text = readFileSync(path, "utf8");
  const looseMode = file.secret !== undefined && (stats.mode & 0o077) !== 0;
  return { file, path, state: text === file.text ? "current" : "stale", foreign: !isGeneratedText(text), looseMode, link, ...through };
}

/**
 * Refuses two generated files that are one file through a symbolic link (a file, or a tenant
 * folder, linked to another's): each run would write one's text over the other's, and --check
 * would never pass.
 */
function refuseSharedFiles(planned: readonly Planned[], cwd: string): void {
  const byRealPath = new Map<string, Planned>();
  for (const entry of planned) {
    const real = realPath(entry.path);
    if (real === undefined) continue;
    const other = byRealPath.get(real);
    if (other !== undefined) {
      throw new InputError(
        `${shown(cwd, other.path)} and ${shown(cwd, entry.path)} are the same file through a symbolic link, and generate writes a file of its own to each: remove the link`,
      );
    }
    byRealPath.set(real, entry);
  }
}

/**
 * Generated files in the output folder that the config no longer gives, within the --tenant and
 * --only scope. Only what generate could have written counts: a file of its names, with its
 * header, in a real folder named as a tenant can be. Any other folder (`Old.Backup`, a link) is
 * the user's, even with copies of generated files in it.
 */
function extraFiles(outDir: string, expected: ReadonlySet<string>, args: Settled): string[] {
  const folders = (path: string): Dirent[] => {
    try {
      return readdirSync(path, { withFileTypes: true });
    } catch {
      return [];
    }
  };
  const extra: string[] = [];
  for (const folder of folders(outDir)) {
    if (!folder.isDirectory() || unsafeName(folder.name) !== undefined) continue;
    if (args.tenant && !args.tenant.includes(folder.name)) continue;
    for (const entry of folders(join(outDir, folder.name))) {
      const kind = generatedKind(entry.name);
      if (!entry.isFile() || kind === undefined || (args.only && !args.only.includes(kind))) continue;
      const path = join(outDir, folder.name, entry.name);
      if (expected.has(path)) continue;
      if (isGeneratedText(readFileSync(path, "utf8"))) extra.push(path);
    }
  }
  return extra.sort();
}

export async function generateCommand(given: GenerateArguments, io: Io): Promise<number> {
  const args = settle(given);
  const configPath = resolve(io.cwd, args.config);
  const outDir = resolve(io.cwd, args.out);
  const read = await readConfig(configPath, args.config, io, "generate", "nothing generated");
  if (typeof read === "number") return read;
  const { config, bytes } = read;

  const names = config.tenants.map((tenant) => tenant.name);
  const unknown = (args.tenant ?? []).filter((name) => !names.includes(name));
  if (unknown.length > 0)
    throw new UsageError(`--tenant ${unknown.join(", ")}: no such tenant in ${args.config} (it has ${names.join(", ")})`);

  const configDir = dirname(configPath);
  const result = generate(config, {
    from: { configName: configPath.split(/[\\/]/).pop() as string, sha256: sha256Hex(bytes) },
    configDir,
    outDir,
    ...(args.tenant ? { tenants: args.tenant } : {}),
    ...(args.only ? { only: args.only } : {}),
    resolveSecret: secretResolver(io, configDir),
  });
  if (result.problems.length > 0) {
    for (const problem of result.problems) io.stderr.write(`smtpcfg: ${args.config}: ${describeProblem(problem)}\n`);
    io.stderr.write(`smtpcfg: nothing generated (${plural(result.problems.length, "problem")})\n`);
    return EXIT.usage;
  }

  const planned = result.files.map((file) => plan(file, outDir, io.cwd));
  refuseSharedFiles(planned, io.cwd);
  const extra = extraFiles(outDir, new Set(planned.map((entry) => entry.path)), args);
  const where = shown(io.cwd, outDir);

  // Refused with --check too, whatever the file there holds: --check passes only when generate would.
  const escaping = planned.filter((entry) => entry.outside !== undefined);
  if (escaping.length > 0 && !args.force) {
    for (const entry of escaping)
      io.stderr.write(`smtpcfg: ${shown(io.cwd, entry.path)} leads outside ${where} through a symbolic link, to ${entry.outside}\n`);
    io.stderr.write(
      `smtpcfg: nothing ${args.check ? "checked" : "written"}: generate writes only inside ${where}; remove the link, or run again with --force to write through it\n`,
    );
    return EXIT.usage;
  }
  if (args.check) return check(planned, extra, where, args, io);

  const blocked = planned.filter((entry) => entry.state === "stale" && entry.foreign);
  if (blocked.length > 0 && !args.force) {
    for (const entry of blocked)
      io.stderr.write(`smtpcfg: ${shown(io.cwd, entry.path)} was not generated by smtpcfg (it has no generated header)\n`);
    io.stderr.write(
      `smtpcfg: nothing written: move ${blocked.length === 1 ? "it" : "them"} away, or run again with --force to replace ${blocked.length === 1 ? "it" : "them"}\n`,
    );
    return EXIT.usage;
  }
  let written = 0;
  let removed = 0;
  /** Runs one change to the output folder; when the machine refuses it, says so, and what was done before it. */
  const change = (what: string, path: string, step: () => void) => {
    try {
      step();
    } catch (error) {
      // Each file is whole or untouched; what was done before this step stays, as listed above.
      const before = (count: number, noun: string, done: string) =>
        count === 0 ? `nothing was ${done}` : `the ${plural(count, noun)} listed above ${count === 1 ? "was" : "were"} ${done}`;
      throw new InputError(
        `cannot ${what} ${shown(io.cwd, path)}: ${fileErrorReason(error)}; ${before(written, "file", "written")}, ${before(removed, "file", "removed")}`,
      );
    }
  };
  const folders = new Set<string>();
  for (const entry of planned) {
    if (entry.state !== "current") {
      change("write", entry.path, () => {
        const folder = dirname(entry.path);
        if (!folders.has(folder)) makeFolders(folder);
        folders.add(folder);
        writeFileAtomic(entry.path, Buffer.from(entry.file.text, "utf8"), {
          ...(entry.file.secret ? { mode: SECRET_MODE } : {}),
          followLinks: entry.link || entry.outside !== undefined,
        });
      });
      io.stderr.write(`  ${entry.state === "missing" ? "created" : "updated"} ${shown(io.cwd, entry.path)}\n`);
      written++;
    } else if (entry.looseMode) {
      change("make readable by its owner only", entry.path, () => chmodSync(entry.path, SECRET_MODE));
      io.stderr.write(`  made ${shown(io.cwd, entry.path)} readable by its owner only\n`);
    }
    if (entry.file.secret) {
      io.stderr.write(
        `smtpcfg: warning: ${shown(io.cwd, entry.path)} holds the client secret itself (secret: ${entry.file.secret}), readable by its owner only (mode 0600): keep it out of version control\n`,
      );
    }
  }
  for (const path of extra) {
    change("remove", path, () => rmSync(path));
    io.stderr.write(`  removed ${shown(io.cwd, path)} (the config no longer gives it)\n`);
    removed++;
    try {
      rmdirSync(dirname(path));
    } catch {
      // Not empty: other files are still there.
    }
  }
  const unchanged = planned.length - written;
  io.stderr.write(
    `smtpcfg: ${where}: ${plural(written, "file")} written, ${unchanged} unchanged${extra.length > 0 ? `, ${extra.length} removed` : ""}\n`,
  );
  return EXIT.ok;
}

function check(planned: readonly Planned[], extra: readonly string[], where: string, args: Settled, io: Io): number {
  const lines = [
    ...planned.filter((entry) => entry.state !== "current").map((entry) => `  ${entry.state.padEnd(7)} ${shown(io.cwd, entry.path)}`),
    ...planned
      .filter((entry) => entry.state === "current" && entry.looseMode)
      .map((entry) => `  mode    ${shown(io.cwd, entry.path)} (holds a secret, readable by others)`),
    ...extra.map((path) => `  extra   ${shown(io.cwd, path)}`),
  ];
  if (lines.length === 0) {
    io.stderr.write(`smtpcfg: ${where}: ${plural(planned.length, "generated file")} up to date\n`);
    return EXIT.ok;
  }
  const rerun = ["smtpcfg generate", `--config ${shellWord(args.config)}`, `--out ${shellWord(args.out)}`];
  for (const tenant of args.tenant ?? []) rerun.push(`--tenant ${shellWord(tenant)}`);
  for (const kind of args.only ?? []) rerun.push(`--only ${kind}`);
  io.stdout.write(`${lines.join("\n")}\n`);
  io.stderr.write(`smtpcfg: ${where}: ${plural(lines.length, "file")} out of date with ${args.config}; run: ${rerun.join(" ")}\n`);
  return EXIT.findings;
}
