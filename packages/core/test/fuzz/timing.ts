import { appendFileSync } from "node:fs";

interface Timed {
  wallMs: number;
  bytes: number;
  recipe: string;
  rerun: () => unknown;
}

/** How many of the slowest cases are timed again for the report. */
const RETIMED = 5;

/**
 * How long the cases of a fuzz target took, kept to be reported, never asserted (a shared CI
 * machine proves nothing about speed). Each case's wall-clock time is measured (process.cpuUsage
 * costs more than a case in a test worker); the process's CPU time only for the whole run. On a
 * busy machine a case can look slow because it was preempted, so the slowest few are timed again,
 * three times each, and the least of those counts. bench/fuzz.mjs sets SMTPCFG_FUZZ_REPORT to a
 * file and prints what the targets append to it.
 */
export class CaseTimes {
  cases = 0;
  wallMs = 0;
  #cpuAtStart: NodeJS.CpuUsage | undefined;
  /** The slowest cases so far, slowest first. */
  #slowest: Timed[] = [];
  /** Cases per named path through the code (say, which YAML reader read the file). */
  readonly paths: Record<string, number> = {};

  constructor(readonly target: string) {}

  /** Runs one case, timing it; `describe` names the case if it is among the slowest so far. */
  async time<T>(bytes: number, describe: () => string, run: () => Promise<T>): Promise<T> {
    this.#cpuAtStart ??= process.cpuUsage();
    const started = performance.now();
    const result = await run();
    const wallMs = performance.now() - started;
    this.cases++;
    this.wallMs += wallMs;
    const last = this.#slowest.at(-1);
    if (this.#slowest.length < RETIMED || (last !== undefined && wallMs > last.wallMs)) {
      this.#slowest.push({ wallMs, bytes, recipe: describe(), rerun: run });
      this.#slowest.sort((a, b) => b.wallMs - a.wallMs);
      this.#slowest.length = Math.min(this.#slowest.length, RETIMED);
    }
    return result;
  }

  count(path: string): void {
    this.paths[path] = (this.paths[path] ?? 0) + 1;
  }

  /** Appends this target's figures to SMTPCFG_FUZZ_REPORT, when it is set. */
  async report(): Promise<void> {
    const file = process.env.SMTPCFG_FUZZ_REPORT;
    if (!file) return;
    const used = process.cpuUsage(this.#cpuAtStart);
    const cpuMs = (used.user + used.system) / 1000;
    const retimed: { wallMs: number; bytes: number; recipe: string }[] = [];
    for (const { bytes, recipe, rerun } of this.#slowest) {
      let best = Number.POSITIVE_INFINITY;
      for (let round = 0; round < 3; round++) {
        const started = performance.now();
        await rerun();
        best = Math.min(best, performance.now() - started);
      }
      retimed.push({ wallMs: best, bytes, recipe });
    }
    retimed.sort((a, b) => b.wallMs - a.wallMs);
    const { target, cases, wallMs, paths } = this;
    appendFileSync(file, `${JSON.stringify({ target, cases, wallMs, cpuMs, slowest: retimed[0], paths })}\n`);
  }
}
