import { availableParallelism, loadavg } from "node:os";
import { fileKind } from "@smtpcfg/core";
import type { InputFile } from "./files.js";
import { type InputContext, type InputResult, lintInput, type Settled, settleInput, unsettle } from "./lint-input.js";

/** Set by the launcher (build.mjs's banner reads it from `module`): starts dist/<name>.cjs in a worker thread. */
declare const __startWorker: ((name: string, data: unknown) => import("node:worker_threads").Worker) | undefined;

/**
 * From how many XML files a lint takes a second core: below it, the files are done before a worker
 * thread has started (it takes 30–50 ms to start), and starting one only costs the machine.
 */
export const WORKER_THRESHOLD = 400;
/** Files a thread takes from the shared counter at a time. */
const BATCH = 25;

/** What the worker thread is given: the XML files and a counter shared with the main thread (the next file to take). */
export interface WorkerData {
  files: InputFile[];
  strict: boolean;
  context: InputContext;
  counter: SharedArrayBuffer;
  batch: number;
}

/** A batch the worker posts: the outcomes of files[start …]. */
export interface WorkerBatch {
  start: number;
  outcomes: Settled[];
}

/**
 * Whether a second thread would find a core of its own: on a machine whose cores are all busy it
 * only adds its start and a second warm-up of the code to the lint (1.5x slower, measured with the
 * load average at 8 on 2 cores). SMTPCFG_WORKERS=0 never starts one, SMTPCFG_WORKERS=1 whatever the load.
 */
function coreToSpare(env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.SMTPCFG_WORKERS === "0") return false;
  const cores = availableParallelism();
  if (env.SMTPCFG_WORKERS === "1") return cores >= 2;
  return cores >= 2 && (loadavg()[0] ?? 0) < cores - 0.5;
}

/** The worker thread, when one is worth starting and starts; otherwise the main thread lints everything. */
function startWorker(data: WorkerData, env: Readonly<Record<string, string | undefined>>) {
  if (typeof __startWorker !== "function" || data.files.length < WORKER_THRESHOLD || !coreToSpare(env)) return undefined;
  try {
    return __startWorker("lint-worker", data);
  } catch {
    // A value the worker cannot be given (workerData is copied) or no thread to be had: one thread will do.
    return undefined;
  }
}

/**
 * Reads and lints the files (without --fix), and gives their results in the order of `files`, as
 * one loop over them would, or throws what that loop would throw first. With many XML files and
 * a second core, a worker thread lints XML files too: the main thread and the worker take
 * batches from a shared counter, so neither waits for the other, and every file's outcome goes
 * to its own place before anything is thrown or printed. Output does not depend on which thread
 * linted a file.
 */
export async function lintInputs(
  files: readonly InputFile[],
  strict: boolean,
  context: InputContext,
  env: Readonly<Record<string, string | undefined>>,
): Promise<InputResult[]> {
  const xml = files.flatMap((file, index) => (fileKind(file.path, "") === "xml" ? [index] : []));
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const data: WorkerData = { files: xml.map((index) => files[index] as InputFile), strict, context, counter: counter.buffer, batch: BATCH };
  const worker = startWorker(data, env);
  if (worker === undefined) {
    const results: InputResult[] = [];
    for (const file of files) results.push(await lintInput(file, strict, context));
    return results;
  }
  const settled: (Settled | undefined)[] = new Array(files.length);
  // Whatever happens to the worker, the main thread lints the files it left.
  const finished = new Promise<void>((resolve) => {
    worker.on("message", (message: WorkerBatch | { done: true }) => {
      if ("done" in message) resolve();
      else for (const [offset, outcome] of message.outcomes.entries()) settled[xml[message.start + offset] as number] = outcome;
    });
    worker.on("error", () => resolve());
    worker.on("exit", () => resolve());
  });
  const settle = async (index: number) => (settled[index] = await settleInput(files[index] as InputFile, strict, context));
  // The other files first, while the worker starts.
  for (let index = 0; index < files.length; index++) if (fileKind((files[index] as InputFile).path, "") !== "xml") await settle(index);
  for (let first = Atomics.add(counter, 0, BATCH); first < xml.length; first = Atomics.add(counter, 0, BATCH)) {
    for (const index of xml.slice(first, first + BATCH)) await settle(index);
  }
  // The worker took the rest: wait for it, unless it never took any.
  if (settled.includes(undefined)) await finished;
  void worker.terminate();
  const results: InputResult[] = [];
  for (let index = 0; index < files.length; index++) {
    results.push(unsettle(settled[index] ?? (await settle(index))));
  }
  return results;
}
