// Cold start for the other kinds of file: a whole `smtpcfg lint` process on one notificationSettings
// XML file, and on one PowerShell script, against `node -e 0` in the same run, interleaved
// (baseline, XML, script, then again). Target (issue 3): the XML lint within 1.5x of starting Node
// at all. The script lint loads tree-sitter's WebAssembly grammar, so it is shown for information.
// Both files are the examples, which lint clean: a run counts only when it exits 0 and prints nothing.
// Beside them, for information, the broken example XML, as a pre-commit hook meets a file with
// mistakes: a run counts only when it exits 1 with its findings on stdout.
//
//   node bench/cold-start-files.mjs [--runs N] [--warmup N] [--quick]
import { join } from "node:path";
import { cacheState, cleanLint, nodeBaseline, removeDir, root, scratchDir, snapshotCli } from "./lib/cli.mjs";
import { BenchError, cleanEnv, interleave } from "./lib/measure.mjs";
import { failedRow, note, noteStats, ratioAtMost, row, runStandalone } from "./lib/report.mjs";

const FILES = {
  xml: { path: "examples/notificationSettings.xml", name: "cold start: lint one XML file", target: ratioAtMost(1.5) },
  ps1: { path: "examples/exchange-online.ps1", name: "cold start: lint one .ps1 script" },
  broken: {
    path: "examples/broken/notificationSettings.xml",
    name: "cold start: lint one XML file with findings",
    check: lintWithFindings,
  },
};

/** A lint that found mistakes: exit code 1, findings on stdout, nothing on stderr. */
function lintWithFindings(result) {
  if (result.status !== 1) return `expected exit code 1, got ${result.status ?? result.signal}`;
  if (!result.stdout.trim() || result.stderr.trim()) return "expected findings on stdout and nothing on stderr";
  return undefined;
}

export async function benchmark({ runs, warmup }) {
  // Each command has a code cache of its own, written by its first warm-up run: it holds what that lint compiled.
  const dirs = Object.fromEntries(Object.keys(FILES).map((kind) => [kind, scratchDir("cache")]));
  try {
    const snapshot = snapshotCli();
    dirs.cli = snapshot.dir;
    const baseline = nodeBaseline();
    const commands = Object.entries(FILES).map(([kind, file]) => ({
      label: `smtpcfg lint ${file.path}`,
      args: [snapshot.cli, "lint", join(root, file.path)],
      cwd: root,
      env: cleanEnv({ SMTPCFG_CACHE_DIR: dirs[kind] }),
      check: file.check ?? cleanLint,
    }));
    let warmed;
    const afterWarmup = () => {
      warmed = Object.keys(FILES).map((kind) => cacheState(dirs[kind]));
      warmed.forEach((files, i) => {
        if (files.length !== 1)
          throw new BenchError(`${commands[i].label}: the warm-up runs left ${files.length} code cache files, expected 1`);
      });
    };
    const rounds = Math.max(warmup, 1); // the first run of each command writes its code cache
    note(`cold start (files): ${runs} interleaved runs after ${rounds} warm-up round${rounds === 1 ? "" : "s"}`);
    const [base, ...stats] = interleave([baseline, ...commands], { runs, warmup: rounds, afterWarmup });
    // A cache rewritten during the timed runs means V8 rejected it: those runs compiled everything.
    // For the XML lint that makes the figure wrong; the script lint is only shown, with a remark.
    const rewritten = Object.keys(FILES).map((kind, i) => JSON.stringify(cacheState(dirs[kind])) !== JSON.stringify(warmed[i]));
    Object.values(FILES).forEach((file, i) => {
      if (!rewritten[i]) return;
      if (file.target) throw new BenchError(`${commands[i].label}: the code cache was rewritten during the timed runs: V8 rejected it`);
      note(`  ${commands[i].label}: the code cache was rewritten during the timed runs (V8 rejected it): these were uncached runs`);
    });
    noteStats(baseline.label, base);
    commands.forEach((command, i) => {
      noteStats(command.label, stats[i]);
    });
    note(`  code cache: ${warmed.map((files, i) => `${(files[0].size / 1024).toFixed(0)} KiB after ${commands[i].label}`).join(", ")}`);
    return Object.values(FILES).map((file, i) =>
      row(`${file.name}${rewritten[i] ? " (code cache rejected)" : ""}`, "ms", stats[i].median, base.median, file.target),
    );
  } catch (error) {
    return [failedRow("cold start (files)", error)];
  } finally {
    for (const dir of Object.values(dirs)) removeDir(dir);
  }
}

await runStandalone(import.meta, benchmark);
