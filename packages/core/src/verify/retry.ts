import { setTimeout as sleep } from "node:timers/promises";
import type { NetworkFailure, NetworkLimits, NetworkResult } from "./network.js";

/** Failures worth a second try: the server or the path may recover (HTTP 5xx, resets, timeouts); a refusal by the server will not. */
export function isTransient(failure: NetworkFailure): boolean {
  if (failure.kind === "timeout") return true;
  if (failure.kind === "server") return (failure.status ?? 0) >= 500;
  return failure.kind === "unreachable";
}

const BACKOFF_MS = 100;

/** A try again needs this share of the step's time left, after its pause: one with less would only end in a timeout. */
const RETRY_SHARE = 1 / 4;

/**
 * Runs `attempt` again after a transient failure, up to `limits.retries` more times, waiting a
 * little longer each time, all within `limits.timeoutMs`: the time a step may take, retries
 * included. Each attempt is given the time left (`attemptMs`), so one that times out ends the step.
 */
export async function withRetries<T>(
  limits: NetworkLimits,
  attempt: (attemptMs: number) => Promise<NetworkResult<T>>,
): Promise<NetworkResult<T>> {
  const deadline = Date.now() + limits.timeoutMs;
  for (let tried = 0; ; tried++) {
    const result = await attempt(Math.max(1, deadline - Date.now()));
    if (result.ok || tried >= limits.retries || !isTransient(result.failure)) return result;
    const pause = BACKOFF_MS * 2 ** tried;
    if (deadline - Date.now() - pause < limits.timeoutMs * RETRY_SHARE) return result;
    await sleep(pause);
  }
}
