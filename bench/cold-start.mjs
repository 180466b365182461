// Cold start: a whole `smtpcfg` process, from spawn to exit, against `node -e 0` in the same run.
// Target: `smtpcfg lint examples/smtpcfg.yaml` within 1.5x of starting Node at all. `--version`
// and a lint without the V8 code cache are shown beside it, so the cache's effect is visible.
//
//   node bench/cold-start.mjs [--runs N] [--warmup N] [--quick]
import { join } from "node:path";
import { cacheState, cleanLint, nodeBaseline, printsVersion, removeDir, root, scratchDir, snapshotCli } from "./lib/cli.mjs";
import { BenchError, cleanEnv, interleave } from "./lib/measure.mjs";
import { failedRow, note, noteStats, ratioAtMost, row, runStandalone } from "./lib/report.mjs";

const example = join(root, "examples/smtpcfg.yaml");

/** Each command gets a fresh cache directory of its own: the cache holds what its first run compiled. */
function smtpcfg(cli, label, args, cacheDir, { cache, check }) {
  const env = cleanEnv({ SMTPCFG_CACHE_DIR: cacheDir, ...(cache ? {} : { SMTPCFG_NO_COMPILE_CACHE: "1" }) });
  return { label, args: [cli, ...args], cwd: root, env, check };
}

export async function benchmark({ runs, warmup }) {
  const names = {
    lint: "cold start: lint example",
    version: "cold start: --version",
    noCache: "cold start: lint example, no code cache",
    cacheEffect: "code cache: lint with vs without",
  };
  const dirs = { lint: scratchDir("cache"), version: scratchDir("cache"), noCache: scratchDir("cache") };
  try {
    const snapshot = snapshotCli();
    dirs.cli = snapshot.dir;
    const baseline = nodeBaseline();
    const lint = smtpcfg(snapshot.cli, "smtpcfg lint examples/smtpcfg.yaml", ["lint", example], dirs.lint, {
      cache: true,
      check: cleanLint,
    });
    const version = smtpcfg(snapshot.cli, "smtpcfg --version", ["--version"], dirs.version, { cache: true, check: printsVersion });
    const noCache = smtpcfg(snapshot.cli, "smtpcfg lint (SMTPCFG_NO_COMPILE_CACHE=1)", ["lint", example], dirs.noCache, {
      cache: false,
      check: cleanLint,
    });

    let warmed;
    const afterWarmup = () => {
      warmed = { lint: cacheState(dirs.lint), version: cacheState(dirs.version) };
      for (const [which, files] of Object.entries(warmed)) {
        if (files.length !== 1) throw new BenchError(`${which}: the warm-up runs left ${files.length} code cache files, expected 1`);
      }
      if (cacheState(dirs.noCache).length) throw new BenchError("SMTPCFG_NO_COMPILE_CACHE=1 still wrote a code cache");
    };
    const rounds = Math.max(warmup, 1); // the first run of each command writes its code cache
    note(`cold start: ${runs} interleaved runs after ${rounds} warm-up round${rounds === 1 ? "" : "s"}`);
    const [base, lintStats, versionStats, noCacheStats] = interleave([baseline, lint, version, noCache], {
      runs,
      warmup: rounds,
      afterWarmup,
    });
    // A cache rewritten during the timed runs means V8 rejected it (or the bundle was rebuilt under
    // us): those runs compiled everything, and the "cached" figure would not be one.
    for (const which of ["lint", "version"]) {
      if (JSON.stringify(cacheState(dirs[which])) !== JSON.stringify(warmed[which])) {
        throw new BenchError(
          `${which}: the code cache was rewritten during the timed runs: V8 rejected it, so those runs were not cached runs`,
        );
      }
    }
    noteStats(baseline.label, base);
    noteStats(lint.label, lintStats);
    noteStats(version.label, versionStats);
    noteStats(noCache.label, noCacheStats);
    note(
      `  code cache: ${(warmed.lint[0].size / 1024).toFixed(0)} KiB after lint, ${(warmed.version[0].size / 1024).toFixed(0)} KiB after --version`,
    );
    return [
      row(names.lint, "ms", lintStats.median, base.median, ratioAtMost(1.5)),
      row(names.version, "ms", versionStats.median, base.median),
      row(names.noCache, "ms", noCacheStats.median, base.median),
      row(names.cacheEffect, "ms", lintStats.median, noCacheStats.median),
    ];
  } catch (error) {
    return [failedRow("cold start", error)];
  } finally {
    for (const dir of Object.values(dirs)) removeDir(dir);
  }
}

await runStandalone(import.meta, benchmark);
