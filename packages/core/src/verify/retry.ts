import { setTimeout as sleep } from "node:timers/promises";
import type { NetworkFailure, NetworkResult } from "./network.js";

/** Failures worth a second try: the server or the path may recover (HTTP 5xx, resets, timeouts); a refusal by the server will not. */
export function isTransient(failure: NetworkFailure): boolean {
  if (failure.kind === "timeout") return true;
  if (failure.kind === "server") return (failure.status ?? 0) >= 500;
  return failure.kind === "unreachable";
}

const BACKOFF_MS = 100;

/** Runs `attempt` again after a transient failure, up to `retries` more times, waiting a little longer each time. */
export async function withRetries<T>(retries: number, attempt: () => Promise<NetworkResult<T>>): Promise<NetworkResult<T>> {
  for (let tried = 0; ; tried++) {
    const result = await attempt();
    if (result.ok || tried >= retries || !isTransient(result.failure)) return result;
    await sleep(BACKOFF_MS * 2 ** tried);
  }
}
