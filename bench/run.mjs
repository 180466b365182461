// Runs every benchmark and prints one table (stdout); progress and per-command details go to stderr.
// Exits 1 only when a benchmark could not run, 2 on bad options; a missed target is reported in
// the table, never turned into a failure: one run on a shared machine proves nothing on its own.
//
//   npm run bench                      (bootstraps and builds first)
//   node bench/run.mjs [--runs N] [--warmup N] [--quick]
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { benchmark as coldStart } from "./cold-start.mjs";
import { benchmark as coldStartFiles } from "./cold-start-files.mjs";
import { benchmark as emulator } from "./emulator.mjs";
import { benchmark as generateLarge } from "./generate-large.mjs";
import { root } from "./lib/cli.mjs";
import { strippedVariables } from "./lib/measure.mjs";
import { failedRow, note, parseOptions, table } from "./lib/report.mjs";
import { benchmark as lintLarge } from "./lint-large.mjs";
import { benchmark as verify } from "./verify.mjs";
import { benchmark as xmlMany } from "./xml-many.mjs";

const BENCHMARKS = [
  ["cold start", coldStart],
  ["cold start (files)", coldStartFiles],
  ["lint 1,000 tenants", lintLarge],
  ["generate 1,000 tenants", generateLarge],
  ["lint 10,000 XML files", xmlMany],
  ["verify 100 mailboxes", verify],
  ["emulator round trips", emulator],
];

function cpuModel() {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    if (line) return line.split(":")[1].trim();
  } catch {
    // Not Linux: fall through to what Node knows.
  }
  return cpus()[0]?.model ?? "unknown CPU";
}

/** The commit measured, and whether the CLI's sources had uncommitted changes when it was built. */
function revision() {
  const git = (...args) => spawnSync("git", args, { cwd: root, encoding: "utf8", timeout: 10_000 });
  const head = git("rev-parse", "--short", "HEAD");
  if (head.status !== 0) return "not a git checkout";
  const dirty = git("status", "--porcelain", "--", "packages", "schemas").stdout.trim();
  return `commit ${head.stdout.trim()}${dirty ? " + uncommitted changes in packages/ or schemas/" : ""}`;
}

let options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  note(`bench: ${error.message}`);
  process.exit(2);
}

const rows = [];
for (const [name, benchmark] of BENCHMARKS) {
  try {
    rows.push(...(await benchmark(options)));
  } catch (error) {
    rows.push(failedRow(name, error));
  }
}

const failed = rows.filter((r) => r.error);
for (const r of failed) note(`\nbench: ${r.benchmark} could not run:\n${r.error}`);
process.stdout.write(
  [
    "",
    `Node ${process.version} · ${cpuModel()} · ${cpus().length} cores · ${new Date().toISOString().slice(0, 10)} · ${options.runs} runs after ${options.warmup} warm-up round${options.warmup === 1 ? "" : "s"}, interleaved with the baseline`,
    `Measured: ${revision()}`,
    ...(strippedVariables().length
      ? [`Children run without ${strippedVariables().join(", ")} (see bench/README.md; BENCH_KEEP_NODE_ENV=1 keeps them)`]
      : []),
    "",
    table(rows),
    "",
  ].join("\n"),
);
if (failed.length) process.exitCode = 1;
