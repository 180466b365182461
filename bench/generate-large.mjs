// Generating for a large config end to end: `smtpcfg generate` on the generated 1,000-tenant
// config, as whole processes against `node -e 0` in the same run, plus peak RSS. Three figures:
// a first run into an empty folder (every file written), a second run (nothing to change: every
// file read and compared, none written), and `--check`. No target: the issue asks for the figures.
// Every run is checked: exit 0, and the files are all there.
//
//   node bench/generate-large.mjs [--runs N] [--warmup N] [--quick]
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { writeConfig } from "./gen-config.mjs";
import { nodeBaseline, removeDir, scratchDir, snapshotCli } from "./lib/cli.mjs";
import { BenchError, cleanEnv, interleave, peakRss, runOnce } from "./lib/measure.mjs";
import { failedRow, note, noteStats, row, runStandalone } from "./lib/report.mjs";

const TENANTS = 1000;
const RSS_RUNS = 3;

/** The number of files below a folder (one level of tenant folders). */
function countFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .reduce((sum, tenant) => sum + readdirSync(join(dir, tenant.name)).length, 0);
}

/** A generate run counts when it exits 0, says what it did on stderr and prints nothing on stdout. */
function generated(summary) {
  return (result) => {
    if (result.status !== 0) return `expected exit code 0, got ${result.status ?? result.signal}`;
    if (result.stdout.trim()) return `expected nothing on stdout, got ${JSON.stringify(result.stdout.slice(0, 300))}`;
    if (!summary.test(result.stderr)) return `expected ${summary} on stderr, got ${JSON.stringify(result.stderr.slice(-300))}`;
    return undefined;
  };
}

export async function benchmark({ runs, warmup }) {
  const name = `generate ${TENANTS.toLocaleString("en")} tenants`;
  const work = scratchDir("generate");
  let snapshot;
  try {
    snapshot = snapshotCli();
    const config = join(work, "smtpcfg.yaml");
    const bytes = writeConfig(config, { tenants: TENANTS, seed: 1 });
    const env = cleanEnv({ SMTPCFG_CACHE_DIR: join(work, "cache") });
    const fresh = join(work, "fresh");
    const kept = join(work, "kept");

    // Before timing: one full run, whose file count every later run must reproduce.
    runOnce({
      label: "generate (first)",
      args: [snapshot.cli, "generate", "--out", kept],
      cwd: work,
      env,
      check: generated(/files written/),
    });
    const files = countFiles(kept);
    note(`${name}: ${(bytes / 1024).toFixed(0)} KiB config, ${files} files generated`);

    const first = {
      label: `smtpcfg generate (${TENANTS} tenants, empty folder)`,
      args: [snapshot.cli, "generate", "--out", fresh],
      cwd: work,
      env,
      // Each run must write everything: the folder is removed after the run has been checked.
      check: (result) => {
        const problem = generated(new RegExp(`${files} files written, 0 unchanged`))(result);
        removeDir(fresh);
        return problem;
      },
    };
    const again = {
      label: `smtpcfg generate (${TENANTS} tenants, nothing to change)`,
      args: [snapshot.cli, "generate", "--out", kept],
      cwd: work,
      env,
      check: generated(new RegExp(`0 files written, ${files} unchanged`)),
    };
    const check = {
      label: `smtpcfg generate --check (${TENANTS} tenants)`,
      args: [snapshot.cli, "generate", "--check", "--out", kept],
      cwd: work,
      env,
      check: generated(new RegExp(`${files} generated files up to date`)),
    };
    const baseline = nodeBaseline(work);

    note(`${name}: ${runs} interleaved runs after ${warmup} warm-up round${warmup === 1 ? "" : "s"}`);
    const [firstStats, againStats, checkStats, base] = interleave([first, again, check, baseline], { runs, warmup });
    for (const [command, stats] of [
      [first, firstStats],
      [again, againStats],
      [check, checkStats],
      [baseline, base],
    ]) {
      noteStats(command.label, stats);
    }

    const firstRss = peakRss(first, { runs: RSS_RUNS });
    const baseRss = peakRss(baseline, { runs: RSS_RUNS, method: firstRss.method });
    if (firstRss.kilobytes <= 0 || baseRss.kilobytes <= 0) throw new BenchError("peak RSS was not measured");
    note(
      `  peak RSS (${firstRss.method === "time" ? "/usr/bin/time -f %M" : "in-process maxRSS"}, median of ${RSS_RUNS}): generate ${firstRss.kilobytes} KiB, node -e 0 ${baseRss.kilobytes} KiB`,
    );
    return [
      row(`${name}: empty folder`, "ms", firstStats.median, base.median),
      row(`${name}: nothing to change`, "ms", againStats.median, base.median),
      row(`${name}: --check`, "ms", checkStats.median, base.median),
      row(`${name}: peak RSS`, "kb", firstRss.kilobytes, baseRss.kilobytes),
    ];
  } catch (error) {
    return [failedRow(name, error)];
  } finally {
    removeDir(work);
    if (snapshot) removeDir(snapshot.dir);
  }
}

await runStandalone(import.meta, benchmark);
