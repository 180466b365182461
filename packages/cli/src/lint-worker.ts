import type { MessagePort } from "node:worker_threads";
import { settleInput } from "./lint-input.js";
import type { WorkerBatch, WorkerData } from "./lint-parallel.js";

/**
 * The worker thread of `smtpcfg lint` (dist/lint-worker.cjs, started by lint-parallel.ts through
 * the launcher): it takes batches of XML files from the counter it shares with the main thread
 * until none is left, and posts each batch's outcome. Only what linting XML needs is in it.
 */
export async function runWorker(data: WorkerData, port: MessagePort): Promise<void> {
  const counter = new Int32Array(data.counter);
  const { files, batch, strict, context } = data;
  for (let start = Atomics.add(counter, 0, batch); start < files.length; start = Atomics.add(counter, 0, batch)) {
    const outcomes: WorkerBatch["outcomes"] = [];
    for (const file of files.slice(start, start + batch)) outcomes.push(await settleInput(file, strict, context));
    port.postMessage({ start, outcomes } satisfies WorkerBatch);
  }
}
