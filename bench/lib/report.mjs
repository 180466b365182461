// One row per figure; one table for all of them. A missed target is a verdict, not a failure.
import { pathToFileURL } from "node:url";
import { formatKb, formatMs, formatRatio, formatStats } from "./measure.mjs";

/**
 * @typedef {object} Row
 * @property {string} benchmark
 * @property {"ms" | "kb"} unit
 * @property {number} value           the candidate's median
 * @property {number} baseline        the baseline's median
 * @property {string} [target]        e.g. "≤ 1.50x", "< 1 s"; none for figures shown for information
 * @property {boolean} [met]
 * @property {string} [error]         why the benchmark could not run
 */

/** A ratio target on the medians, e.g. ratioAtMost(1.5). */
export function ratioAtMost(limit) {
  return { text: `≤ ${limit.toFixed(2)}x`, limit, test: (row) => row.value / row.baseline <= limit };
}

/** An absolute target on the candidate's median, e.g. medianBelow(1000). */
export function medianBelow(ms) {
  return { text: `< ${formatMs(ms)}`, test: (row) => row.value < ms };
}

export function row(benchmark, unit, value, baseline, target) {
  const result = { benchmark, unit, value, baseline };
  return target ? { ...result, target: target.text, limit: target.limit, met: target.test(result) } : result;
}

export function failedRow(benchmark, error) {
  return { benchmark, error: error instanceof Error ? error.message : String(error) };
}

function cells(r) {
  if (r.error) return [r.benchmark, "—", "—", "—", "—", "—", `COULD NOT RUN: ${r.error.split("\n")[0]}`];
  const format = r.unit === "kb" ? formatKb : formatMs;
  const verdict = r.target === undefined ? "info" : r.met ? "met" : "MISSED";
  const ratio = r.value / r.baseline;
  // Near a ratio limit, two decimals could show "1.50x" against "≤ 1.50x" with either verdict.
  const shown = r.limit !== undefined && Math.abs(ratio - r.limit) < 0.005 ? `${ratio.toFixed(3)}x` : formatRatio(ratio);
  // The difference does not shrink when a fixed cost lands on both sides (see NODE_EXTRA_CA_CERTS in the README).
  const over = r.value - r.baseline;
  const difference = `${over < 0 ? "−" : "+"}${format(Math.abs(over))}`;
  return [r.benchmark, format(r.value), format(r.baseline), difference, shown, r.target ?? "—", verdict];
}

/** A Markdown table, readable in a terminal and pasteable into the README. */
export function table(rows) {
  const header = ["benchmark", "median", "baseline median", "difference", "ratio", "target", "verdict"];
  const body = rows.map(cells);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (values) => `| ${values.map((v, i) => v.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}

/** Progress and detail lines go to stderr, so that stdout holds the table alone. */
export function note(text) {
  process.stderr.write(`${text}\n`);
}

export function noteStats(label, stats) {
  note(`  ${label}: ${formatStats(stats)}`);
}

/** Options shared by every benchmark script: --runs N, --warmup N, --quick (fewer runs, unless given). */
export function parseOptions(argv) {
  let quick = false;
  const given = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--quick") {
      quick = true;
    } else if (arg === "--runs" || arg === "--warmup") {
      const value = Number(argv[++i]);
      const least = arg === "--runs" ? 1 : 0;
      if (!Number.isInteger(value) || value < least || value > 1000) throw new Error(`${arg} needs a whole number from ${least} to 1000`);
      given[arg.slice(2)] = value;
    } else {
      throw new Error(`unknown option ${arg}; options: --runs N, --warmup N, --quick`);
    }
  }
  return { runs: given.runs ?? (quick ? 5 : 20), warmup: given.warmup ?? (quick ? 1 : 3) };
}

/** Runs one benchmark module's `benchmark(options)` when the file is started directly. */
export async function runStandalone(meta, benchmark) {
  if (process.argv[1] && meta.url !== pathToFileURL(process.argv[1]).href) return;
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    note(`bench: ${error.message}`);
    process.exitCode = 2;
    return;
  }
  const rows = await benchmark(options);
  process.stdout.write(`${table(rows)}\n`);
  if (rows.some((r) => r.error)) process.exitCode = 1;
}
