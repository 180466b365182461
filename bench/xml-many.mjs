// Many small XML files: `smtpcfg lint FOLDER` on 10,000 generated notificationSettings files
// (bench/gen-xml.mjs, seed 1: 60% clean, 30% with a finding, 10% malformed) against
// `xmllint --noout` over the same files, in the same run, interleaved (node -e 0, xmllint, smtpcfg,
// then again). Target: smtpcfg within 2x of xmllint's wall time. Peak RSS of both beside it.
//
// Both are whole processes, timed from spawn to exit, with their reports sent to /dev/null
// (smtpcfg --format compact on stdout, xmllint's parse errors on stderr). smtpcfg walks the folder
// itself; xmllint gets the file names on its command line, relative to the folder, in as few
// processes as the system's argument size allows (one on Linux), run back to back like xargs: the
// figure is the time of all of them. Every run is checked: smtpcfg exits 1 (there are findings)
// with nothing on stderr, xmllint exits 1 (some files are malformed). Before timing, one run of
// each is checked file by file: xmllint rejects exactly the malformed files, and smtpcfg reports
// exactly the files that have a mistake. Without xmllint the candidate is shown against node -e 0
// only, and the table says that the xmllint baseline was skipped.
//
//   node bench/xml-many.mjs [--runs N] [--warmup N] [--quick] [--files N]
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { writeXmlFiles } from "./gen-xml.mjs";
import { cacheState, nodeBaseline, removeDir, scratchDir, snapshotCli } from "./lib/cli.mjs";
import { BenchError, cleanEnv, formatKb, formatMs, summarize } from "./lib/measure.mjs";
import { failedRow, note, noteStats, ratioAtMost, row, runStandalone } from "./lib/report.mjs";

const FILES = 10_000;
const RSS_RUNS = 3;
const RUN_TIMEOUT_MS = 300_000;

/** The first executable named `name` on PATH. */
function which(name) {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** How many bytes of arguments one process may get: ARG_MAX less the environment, with room to spare. */
function argumentBudget(env) {
  const probe = spawnSync("getconf", ["ARG_MAX"], { encoding: "utf8" });
  const argMax = probe.status === 0 ? Number(probe.stdout.trim()) : 131_072;
  const envBytes = Object.entries(env).reduce((sum, [k, v]) => sum + k.length + String(v).length + 2 + 8, 0);
  return Math.max(16_384, Math.min(argMax, 2 ** 21) - envBytes - 16_384);
}

/** The names split like xargs does: as many per process as the budget allows. */
function batches(fixed, names, budget) {
  const out = [];
  const base = fixed.reduce((sum, a) => sum + a.length + 1 + 8, 0);
  let current = [];
  let size = base;
  for (const name of names) {
    const cost = name.length + 1 + 8; // the string, its NUL, its argv pointer
    if (current.length && size + cost > budget) {
      out.push(current);
      current = [];
      size = base;
    }
    current.push(name);
    size += cost;
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * A command: one or more processes run back to back (xargs-like batches), timed together.
 * @typedef {{ label: string, file: string, argvs: string[][], cwd: string, env: NodeJS.ProcessEnv,
 *   stdout: "null" | "pipe", stderr: "null" | "pipe", check: (status: number | null, stderr: string) => string | undefined }} Command
 */

function spawnStdio(command, nullFd) {
  return ["ignore", command.stdout === "null" ? nullFd : "pipe", command.stderr === "null" ? nullFd : "pipe"];
}

/** Runs every process of a command once; returns the wall time in ms. Throws BenchError on a wrong run. */
function runOnce(command, nullFd) {
  const started = process.hrtime.bigint();
  const results = command.argvs.map((args) =>
    spawnSync(command.file, args, {
      cwd: command.cwd,
      env: command.env,
      encoding: "utf8",
      stdio: spawnStdio(command, nullFd),
      maxBuffer: 256 * 1024 * 1024,
      timeout: RUN_TIMEOUT_MS,
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  for (const result of results) {
    const problem = result.error ? String(result.error) : command.check(result.status, result.stderr ?? "");
    if (problem) throw new BenchError(`${command.label}: ${problem}\n${(result.stderr ?? "").slice(0, 600)}`);
  }
  return elapsed;
}

/** Round-robin, as bench/lib/measure.mjs's interleave, for commands that are not all Node. */
function interleave(commands, { runs, warmup, afterWarmup }) {
  const nullFd = openSync("/dev/null", "w");
  try {
    for (let round = 0; round < warmup; round++) for (const command of commands) runOnce(command, nullFd);
    afterWarmup?.();
    const samples = commands.map(() => []);
    for (let round = 0; round < runs; round++) {
      commands.forEach((command, index) => {
        samples[index].push(runOnce(command, nullFd));
      });
    }
    return samples.map(summarize);
  } finally {
    closeSync(nullFd);
  }
}

/** Peak RSS in KiB through GNU time (the largest of a command's processes), median of RSS_RUNS. */
function peakRss(command, scratch) {
  const nullFd = openSync("/dev/null", "w");
  try {
    const values = [];
    for (let run = 0; run < RSS_RUNS; run++) {
      let peak = 0;
      for (const args of command.argvs) {
        const out = join(scratch, `rss-${run}`);
        const result = spawnSync("/usr/bin/time", ["-f", "%M", "-o", out, command.file, ...args], {
          cwd: command.cwd,
          env: command.env,
          encoding: "utf8",
          stdio: spawnStdio(command, nullFd),
          maxBuffer: 256 * 1024 * 1024,
          timeout: RUN_TIMEOUT_MS,
        });
        const problem = result.error ? String(result.error) : command.check(result.status, result.stderr ?? "");
        if (problem) throw new BenchError(`${command.label} (under /usr/bin/time): ${problem}`);
        peak = Math.max(peak, Number(readFileSync(out, "utf8").trim().split("\n").pop()));
      }
      if (!(peak > 0)) throw new BenchError(`${command.label}: no peak RSS reported`);
      values.push(peak);
    }
    return summarize(values).median;
  } finally {
    closeSync(nullFd);
  }
}

/** The 1-, 5- and 15-minute load averages, noted with the figures: on a busy machine every run is slower. */
const loadLine = () =>
  loadavg()
    .map((load) => load.toFixed(2))
    .join(" ");

const exitsWith =
  (...codes) =>
  (status, stderr) =>
    codes.includes(status) ? undefined : `expected exit code ${codes.join(" or ")}, got ${status}${stderr ? "" : " (no stderr)"}`;

/** Before timing: each tool flags exactly the files it should. */
function checkAnswers(files, dir, smtpcfg, xmllint) {
  const expectFlagged = new Set(files.filter((f) => f.kind !== "clean").map((f) => f.name));
  const json = spawnSync(smtpcfg.file, [...smtpcfg.argvs[0].slice(0, -1), "json"], {
    cwd: dir,
    env: smtpcfg.env,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: RUN_TIMEOUT_MS,
  });
  if (json.status !== 1 || json.stderr.trim())
    throw new BenchError(`smtpcfg --format json: exit ${json.status}\n${json.stderr.slice(0, 600)}`);
  const findings = JSON.parse(json.stdout);
  const flagged = new Set(findings.map((d) => d.file.split(/[\\/]/).pop()));
  const differ = [...expectFlagged].filter((n) => !flagged.has(n)).concat([...flagged].filter((n) => !expectFlagged.has(n)));
  if (differ.length) throw new BenchError(`smtpcfg flagged other files than those with a mistake, e.g. ${differ.slice(0, 5).join(", ")}`);
  if (!xmllint) return findings.length;
  const expectRejected = new Set(files.filter((f) => f.kind === "malformed").map((f) => f.name));
  const rejected = new Set();
  for (const args of xmllint.argvs) {
    const result = spawnSync(xmllint.file, args, { cwd: dir, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, timeout: RUN_TIMEOUT_MS });
    for (const match of result.stderr.matchAll(/^([^:\n]+\.xml):\d+: /gm)) rejected.add(match[1]);
  }
  const wrong = [...expectRejected].filter((n) => !rejected.has(n)).concat([...rejected].filter((n) => !expectRejected.has(n)));
  if (wrong.length) throw new BenchError(`xmllint rejected other files than the malformed ones, e.g. ${wrong.slice(0, 5).join(", ")}`);
  return findings.length;
}

export async function benchmark({ runs, warmup }, { files: count = FILES } = {}) {
  const name = `lint ${count.toLocaleString("en")} XML files`;
  const work = scratchDir("xml-many");
  let snapshot;
  try {
    snapshot = snapshotCli();
    const dir = join(work, "files");
    const { files, bytes } = writeXmlFiles(dir, { files: count, seed: 1 });
    const kinds = (kind) => files.filter((f) => f.kind === kind).length;
    note(
      `${name}: ${(bytes / 1024).toFixed(0)} KiB generated by bench/gen-xml.mjs: ${kinds("clean")} clean, ${kinds("finding")} with a finding, ${kinds("malformed")} malformed`,
    );
    const cacheDir = join(work, "cache");
    const smtpcfg = {
      label: `smtpcfg lint FOLDER --format compact (${count} files)`,
      file: process.execPath,
      argvs: [[snapshot.cli, "lint", ".", "--format", "compact"]],
      cwd: dir,
      env: cleanEnv({ SMTPCFG_CACHE_DIR: cacheDir }),
      stdout: "null",
      stderr: "pipe",
      check: (status, stderr) => (status === 1 && !stderr.trim() ? undefined : `expected exit code 1 and nothing on stderr, got ${status}`),
    };
    const node = nodeBaseline(dir);
    const baseline = { ...node, file: process.execPath, argvs: [node.args], stdout: "null", stderr: "pipe", check: exitsWith(0) };

    const xmllintPath = which("xmllint");
    let xmllint;
    if (xmllintPath) {
      const env = cleanEnv();
      const names = files.map((f) => f.name);
      const argvs = batches(["xmllint", "--noout"], names, argumentBudget(env)).map((batch) => ["--noout", ...batch]);
      xmllint = {
        label: `xmllint --noout (${count} files, ${argvs.length} process${argvs.length === 1 ? "" : "es"})`,
        file: xmllintPath,
        argvs,
        cwd: dir,
        env,
        stdout: "null",
        stderr: "null",
        // 1: some file was not well-formed; a batch of clean files alone would exit 0.
        check: exitsWith(0, 1),
      };
    } else {
      note(`${name}: xmllint not found on PATH (Debian: apt-get install libxml2-utils): the xmllint baseline is SKIPPED`);
    }

    const findings = checkAnswers(files, dir, smtpcfg, xmllint);
    note(`${name}: answers checked (${findings} findings; xmllint rejects exactly the malformed files)`);

    const commands = xmllint ? [baseline, xmllint, smtpcfg] : [baseline, smtpcfg];
    const rounds = Math.max(warmup, 1); // the first smtpcfg run writes its code cache
    let warmed;
    note(`${name}: ${runs} interleaved runs after ${rounds} warm-up round${rounds === 1 ? "" : "s"}; load average ${loadLine()}`);
    const stats = interleave(commands, {
      runs,
      warmup: rounds,
      afterWarmup: () => {
        warmed = cacheState(cacheDir);
        if (warmed.length !== 1) throw new BenchError(`the warm-up runs left ${warmed.length} code cache files, expected 1`);
      },
    });
    if (JSON.stringify(cacheState(cacheDir)) !== JSON.stringify(warmed)) {
      throw new BenchError("the code cache was rewritten during the timed runs: V8 rejected it, so those runs were not cached runs");
    }
    const [base, ...rest] = stats;
    const lintStats = rest[rest.length - 1];
    const lintStatsOf = (s, label) => {
      noteStats(label, s);
      note(
        `    ${Math.round(count / (s.median / 1000)).toLocaleString("en")} files/s at the median, spread min–max ${formatMs(s.min)}–${formatMs(s.max)}`,
      );
    };
    note(`${name}: load average after the runs ${loadLine()} (${availableParallelism()} cores)`);
    noteStats(baseline.label, base);
    if (xmllint) lintStatsOf(rest[0], xmllint.label);
    lintStatsOf(lintStats, smtpcfg.label);

    const rows = [];
    if (xmllint) rows.push(row(`${name} vs xmllint --noout`, "ms", lintStats.median, rest[0].median, ratioAtMost(2)));
    else rows.push(row(`${name} vs node -e 0 (xmllint baseline SKIPPED: not installed)`, "ms", lintStats.median, base.median));

    if (existsSync("/usr/bin/time")) {
      const lintRss = peakRss(smtpcfg, work);
      const otherRss = peakRss(xmllint ?? baseline, work);
      note(
        `  peak RSS (/usr/bin/time -f %M, median of ${RSS_RUNS}): smtpcfg ${formatKb(lintRss)}, ${xmllint ? "xmllint" : "node -e 0"} ${formatKb(otherRss)}`,
      );
      rows.push(row(`${name}: peak RSS vs ${xmllint ? "xmllint" : "node -e 0"}`, "kb", lintRss, otherRss));
    } else {
      note(`${name}: /usr/bin/time not found: peak RSS SKIPPED`);
    }
    return rows;
  } catch (error) {
    return [failedRow(name, error)];
  } finally {
    removeDir(work);
    if (snapshot) removeDir(snapshot.dir);
  }
}

// --files N is this script's own option (for a quick look); the shared ones are parsed by runStandalone.
const main = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
const filesAt = main ? process.argv.indexOf("--files") : -1;
let fileCount = FILES;
if (filesAt > 1) {
  fileCount = Number(process.argv[filesAt + 1]);
  process.argv.splice(filesAt, 2);
  if (!Number.isInteger(fileCount) || fileCount < 1) {
    note("bench: --files needs a positive whole number");
    process.exit(2);
  }
}
await runStandalone(import.meta, (options) => benchmark(options, { files: fileCount }));
