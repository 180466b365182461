// Runs the fuzz targets (packages/core/test/fuzz) and prints, per target, how many cases ran, the
// CPU and wall-clock time they took and the slowest case: its time, its size and its recipe (the
// fixture it was made from, the mutations and how it was written; see timing.ts for how it is timed). The harness measures every case;
// nothing here is a pass/fail on speed. Exits 1 when a property fails (its report is printed), 2 on
// bad options.
//
//   node bench/fuzz.mjs                       10,000 cases per target, the tests' fixed seed
//   node bench/fuzz.mjs --runs 200000         more cases (SMTPCFG_FUZZ_RUNS)
//   node bench/fuzz.mjs --seed 42             another seed (SMTPCFG_FUZZ_SEED)
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { root } from "./lib/cli.mjs";
import { note } from "./lib/report.mjs";

let values;
try {
  ({ values } = parseArgs({ options: { runs: { type: "string" }, seed: { type: "string" } } }));
  for (const [name, value] of Object.entries(values)) {
    if (!/^-?\d+$/.test(value)) throw new Error(`--${name} needs a whole number, not ${JSON.stringify(value)}`);
  }
} catch (error) {
  note(`bench/fuzz: ${error.message}; options: --runs N, --seed N`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), "smtpcfg-fuzz-"));
const report = join(dir, "report.jsonl");
const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const env = { ...process.env, SMTPCFG_FUZZ_REPORT: report };
if (values.runs) env.SMTPCFG_FUZZ_RUNS = values.runs;
if (values.seed) env.SMTPCFG_FUZZ_SEED = values.seed;

note(`fuzz: ${values.runs ?? "the default number of"} cases per target, seed ${values.seed ?? "fixed"}`);
const started = performance.now();
const run = spawnSync(process.execPath, [vitest, "run", "packages/core/test/fuzz/", "--reporter=dot"], {
  cwd: root,
  env,
  encoding: "utf8",
  stdio: ["ignore", "pipe", "pipe"],
});
const elapsed = (performance.now() - started) / 1000;
let targets = [];
try {
  targets = readFileSync(report, "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
} catch {
  // No report: vitest did not get to the targets; its output below says why.
}
rmSync(dir, { recursive: true, force: true });

const ms = (value) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const header = ["target", "cases", "CPU", "wall", "mean wall / case", "slowest case (least of 3 reruns)", "its size"];
const rows = targets.map((t) => [
  t.target,
  t.cases.toLocaleString("en"),
  `${(t.cpuMs / 1000).toFixed(1)} s`,
  `${(t.wallMs / 1000).toFixed(1)} s`,
  ms(t.wallMs / Math.max(t.cases, 1)),
  t.slowest ? ms(t.slowest.wallMs) : "—",
  t.slowest ? `${t.slowest.bytes.toLocaleString("en")} bytes` : "—",
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log([line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n"));
for (const t of targets) {
  const paths = Object.entries(t.paths).map(([path, count]) => `${path} ${count.toLocaleString("en")}`);
  note(`${t.target}: slowest case ${t.slowest?.recipe ?? "none"}${paths.length > 0 ? `; cases ${paths.join(", ")}` : ""}`);
}
note(`vitest run: ${elapsed.toFixed(1)} s in all (start-up and parallel files included)`);
if (run.status !== 0) {
  process.stderr.write(run.stdout + run.stderr);
  process.exit(1);
}
