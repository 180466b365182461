// verify at scale, end to end: `smtpcfg verify` of 100 mailboxes across 5 apps against
// `smtpcfg emulate` (its own process: a token endpoint and an SMTP server on 127.0.0.1), at
// --concurrency 1 and 8, interleaved, as whole processes. The figure is the ratio of the two
// medians: what running mailboxes side by side saves. Every run is checked: exit 0, every
// mailbox passed, exactly one token request per app.
//
//   node bench/verify.mjs [--runs N] [--warmup N] [--quick]
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulate } from "../scripts/emulate-process.mjs";
import { removeDir, scratchDir, snapshotCli } from "./lib/cli.mjs";
import { cleanEnv, interleave } from "./lib/measure.mjs";
import { failedRow, note, noteStats, row, runStandalone } from "./lib/report.mjs";
import { VERIFY_SECRET_VARIABLE, verifyConfig } from "./verify-config.mjs";

const APPS = 5;
const MAILBOXES = 100;
/** A run of 100 mailboxes one at a time takes seconds: fewer rounds than the start-up benchmarks. */
const MAX_RUNS = 3;
const MAX_WARMUP = 1;
const SECRET = "bench-only~Vb7.secret_value-0123456789abcd";

/** A verify run counts when it exits 0 and its JSON report says every mailbox passed with one token request per app. */
function verified(result) {
  if (result.status !== 0)
    return `expected exit code 0, got ${result.status ?? result.signal}: ${result.stdout.slice(-400)}${result.stderr.slice(-400)}`;
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    return "expected a JSON report";
  }
  const passed = report.mailboxes.filter((mailbox) => mailbox.passed).length;
  if (passed !== MAILBOXES) return `expected ${MAILBOXES} mailboxes passed, got ${passed}`;
  if (report.tokenRequests !== APPS) return `expected ${APPS} token requests, got ${report.tokenRequests}`;
  return undefined;
}

export async function benchmark({ runs, warmup }) {
  const name = `verify ${MAILBOXES} mailboxes (${APPS} apps)`;
  const work = scratchDir("verify");
  let snapshot;
  let emulator;
  try {
    snapshot = snapshotCli();
    writeFileSync(join(work, "smtpcfg.yaml"), verifyConfig({ apps: APPS, mailboxes: MAILBOXES }));
    const env = cleanEnv({ [VERIFY_SECRET_VARIABLE]: SECRET, SMTPCFG_CACHE_DIR: join(work, "cache") });
    emulator = await startEmulate(snapshot.cli, work, env, []);
    const at = (concurrency) => ({
      label: `smtpcfg verify --concurrency ${concurrency} (${MAILBOXES} mailboxes, ${APPS} apps)`,
      args: [snapshot.cli, "verify", "--endpoints", emulator.connectionFile, "--concurrency", String(concurrency), "--format", "json"],
      cwd: work,
      env,
      check: verified,
    });
    const [one, eight] = [at(1), at(8)];
    const rounds = { runs: Math.min(runs, MAX_RUNS), warmup: Math.min(warmup, MAX_WARMUP) };
    note(
      `${name}: ${rounds.runs} interleaved runs after ${rounds.warmup} warm-up round${rounds.warmup === 1 ? "" : "s"}, against smtpcfg emulate`,
    );
    const [oneStats, eightStats] = interleave([one, eight], rounds);
    noteStats(one.label, oneStats);
    noteStats(eight.label, eightStats);
    return [row(`${name}: --concurrency 8 vs 1`, "ms", eightStats.median, oneStats.median)];
  } catch (error) {
    return [failedRow(name, error)];
  } finally {
    await emulator?.stop();
    removeDir(work);
    if (snapshot) removeDir(snapshot.dir);
  }
}

await runStandalone(import.meta, benchmark);
