// Times commands the way a benchmark on a shared, noisy machine has to: every command of a group
// runs in turn (A B A B …, or A B C A B C … for a shared baseline) a fixed number of times after a
// fixed number of warm-up rounds, so that load from other processes falls on all of them alike,
// and the figures compared are medians measured in the same run. No timed assertions: the caller
// reports a ratio against its baseline and decides nothing from a single run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** Raised when a command cannot be measured: it failed, timed out, or printed what it must not. */
export class BenchError extends Error {}

/**
 * @typedef {object} Command
 * @property {string} label         what the command is, for messages
 * @property {string[]} args        arguments after the node executable (process.execPath)
 * @property {NodeJS.ProcessEnv} [env]
 * @property {string} [cwd]
 * @property {(result: import("node:child_process").SpawnSyncReturns<string>) => string | undefined} [check]
 *   returns why a finished run is wrong; by default any exit code but 0 is
 */

/**
 * @typedef {object} Stats
 * @property {number} runs
 * @property {number} median  milliseconds
 * @property {number} p90     milliseconds (nearest rank)
 * @property {number} min     milliseconds
 * @property {number} max     milliseconds
 */

const RUN_TIMEOUT_MS = 120_000;

/**
 * Variables that change what every Node start costs, whatever the script: Node 20 reads the whole
 * NODE_EXTRA_CA_CERTS bundle at start-up (about 85 ms per process on the machine in bench/README.md),
 * and NODE_OPTIONS can preload anything. Both inflate the baseline and the candidate alike by a
 * fixed amount, which flatters every ratio, so the children run without them unless
 * BENCH_KEEP_NODE_ENV=1.
 */
export const STRIPPED_NODE_VARIABLES = ["NODE_EXTRA_CA_CERTS", "NODE_OPTIONS"];

/** The variables of STRIPPED_NODE_VARIABLES that are set here and removed for the children. */
export function strippedVariables() {
  if (process.env.BENCH_KEEP_NODE_ENV === "1") return [];
  return STRIPPED_NODE_VARIABLES.filter((name) => process.env[name] !== undefined);
}

/** The environment for the children: without this project's variables (each command sets its own). */
export function cleanEnv(overrides = {}) {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("SMTPCFG_")) delete env[name];
  for (const name of strippedVariables()) delete env[name];
  return { ...env, ...overrides };
}

function describe(result) {
  if (result.error) return result.error.code === "ETIMEDOUT" ? `timed out after ${RUN_TIMEOUT_MS / 1000} s` : String(result.error);
  return result.status === null ? `killed by ${result.signal}` : `exit code ${result.status}`;
}

function excerpt(text) {
  const trimmed = (text ?? "").trim();
  return trimmed.length > 600 ? `${trimmed.slice(0, 600)}…` : trimmed;
}

function defaultCheck(result) {
  return result.status === 0 ? undefined : `expected exit code 0, got ${describe(result)}`;
}

/** Runs a command once and returns its wall time in milliseconds; throws BenchError on a wrong run. */
export function runOnce(command) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, command.args, {
    cwd: command.cwd,
    env: command.env ?? cleanEnv(),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
    timeout: RUN_TIMEOUT_MS,
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  const problem = result.error ? describe(result) : (command.check ?? defaultCheck)(result);
  if (problem) {
    const output = [excerpt(result.stdout), excerpt(result.stderr)].filter(Boolean).join("\n");
    throw new BenchError(`${command.label}: ${problem}${output ? `\n${output}` : ""}`);
  }
  return elapsed;
}

/** Median, nearest-rank p90, min and max of samples in milliseconds. */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const middle = Math.floor(n / 2);
  const median = n % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { runs: n, median, p90: sorted[Math.ceil(0.9 * n) - 1], min: sorted[0], max: sorted[n - 1] };
}

/**
 * Runs the commands round-robin: `warmup` untimed rounds, then `runs` timed rounds, each round
 * running every command once in the order given. Returns the stats of each command, in order.
 * @param {Command[]} commands
 * @param {{ runs: number, warmup: number, afterWarmup?: () => void }} options
 * @returns {Stats[]}
 */
export function interleave(commands, { runs, warmup, afterWarmup }) {
  if (!Number.isInteger(runs) || runs < 1) throw new BenchError(`runs must be a positive integer, not ${runs}`);
  if (!Number.isInteger(warmup) || warmup < 0) throw new BenchError(`warmup must be a whole number, not ${warmup}`);
  for (let round = 0; round < warmup; round++) for (const command of commands) runOnce(command);
  afterWarmup?.();
  const samples = commands.map(() => []);
  for (let round = 0; round < runs; round++) {
    commands.forEach((command, index) => {
      samples[index].push(runOnce(command));
    });
  }
  return samples.map(summarize);
}

/**
 * A candidate against its baseline, interleaved A B A B …; the ratio is of the medians.
 * @param {Command} candidate
 * @param {Command} baseline
 * @param {{ runs: number, warmup: number }} options
 */
export function compare(candidate, baseline, options) {
  const [a, b] = interleave([candidate, baseline], options);
  return { candidate: a, baseline: b, ratio: a.median / b.median };
}

/**
 * How peak RSS is measured here, in order of preference:
 * - "time": GNU time's %M, the child's maximum resident set size from wait4(): the whole process,
 *   measured from outside, exactly the command that was timed.
 * - "in-process": a node wrapper that runs the script in its own process and reports
 *   process.resourceUsage().maxRSS on exit; it includes the wrapper's few kilobytes.
 * Set BENCH_RSS=in-process to force the fallback.
 */
export function rssMethod() {
  if (process.env.BENCH_RSS !== "in-process" && existsSync("/usr/bin/time")) {
    const probe = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, "-e", "0"], {
      encoding: "utf8",
      env: cleanEnv(),
      timeout: RUN_TIMEOUT_MS,
    });
    if (probe.status === 0 && /^\d+\s*$/.test(probe.stderr.trim().split("\n").pop() ?? "")) return "time";
  }
  return "in-process";
}

/**
 * Peak resident set size of a command in kilobytes: the median of `runs` runs (each checked like a
 * timed run). Measured in runs of its own, so that the timed runs carry no measuring overhead.
 * @param {Command} command
 * @param {{ runs: number, method?: "time" | "in-process" }} options
 */
export function peakRss(command, { runs, method = rssMethod() }) {
  const scratch = mkdtempSync(join(tmpdir(), "smtpcfg-bench-rss-"));
  try {
    const values = [];
    for (let run = 0; run < runs; run++) {
      const out = join(scratch, `rss-${run}`);
      const env = { ...(command.env ?? cleanEnv()), BENCH_RSS_OUT: out };
      if (method === "time") {
        const result = spawnSync("/usr/bin/time", ["-f", "%M", "-o", out, process.execPath, ...command.args], {
          cwd: command.cwd,
          env,
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
          maxBuffer: 64 * 1024 * 1024,
          timeout: RUN_TIMEOUT_MS,
        });
        checkRssRun(command, result);
      } else {
        runOnce({ ...command, env, args: [join(here, "rss-child.cjs"), ...command.args] });
      }
      const kilobytes = Number(readFileSync(out, "utf8").trim().split("\n").pop());
      if (!Number.isFinite(kilobytes) || kilobytes <= 0) throw new BenchError(`${command.label}: no peak RSS reported`);
      values.push(kilobytes);
    }
    return { kilobytes: summarize(values).median, method };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function checkRssRun(command, result) {
  const problem = result.error ? describe(result) : (command.check ?? defaultCheck)(result);
  if (problem) throw new BenchError(`${command.label} (under /usr/bin/time): ${problem}\n${excerpt(result.stderr)}`);
}

export const formatMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
export const formatKb = (kb) => `${(kb / 1024).toFixed(1)} MiB`;
export const formatRatio = (ratio) => `${ratio.toFixed(2)}x`;
export const formatStats = (s) =>
  `median ${formatMs(s.median)}, p90 ${formatMs(s.p90)}, min ${formatMs(s.min)} (${s.runs} run${s.runs === 1 ? "" : "s"})`;
