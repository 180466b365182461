import type { Fault, FaultKind } from "./types.js";

/** Every fault kind, in the order `--help` lists them. */
export const FAULT_KINDS: readonly FaultKind[] = [
  "consent-missing",
  "sp-not-registered",
  "wrong-sp-object-id",
  "no-mailbox-permission",
  "smtp-auth-disabled-tenant",
  "smtp-auth-disabled-mailbox",
  "secret-expired",
  "sendas-missing",
  "no-starttls",
  "token-endpoint-down",
  "latency",
];

/** A fault that cannot be parsed, or whose target the config does not have: one line, for the user. */
export class FaultError extends Error {
  override name = "FaultError";
}

/** The longest latency: the longest delay a Node timer waits (2^31 - 1 ms, about 24.8 days); it fires a longer one at once. */
export const MAX_LATENCY_MS = 2_147_483_647;

/** Why `ms` is no latency a fault can have; undefined when it is one. */
export function latencyProblem(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isInteger(ms) || ms < 0) return "latency takes milliseconds, as latency:MS[:TARGET]";
  if (ms > MAX_LATENCY_MS) return `latency takes at most ${MAX_LATENCY_MS} milliseconds (about 24 days)`;
  return undefined;
}

/** Faults that act on the whole server, before it knows which app or mailbox a client is. */
const SERVER_WIDE: readonly FaultKind[] = ["no-starttls"];

/** Parses `KIND[:TARGET]` or `latency:MS[:TARGET]`. */
export function parseFault(text: string): Fault {
  const [kind = "", ...rest] = text.trim().split(":");
  if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new FaultError(`unknown fault ${JSON.stringify(text)}: expected one of ${FAULT_KINDS.join(", ")} (latency as latency:MS)`);
  }
  const fault = kind as FaultKind;
  if (fault === "latency") {
    const [ms = "", ...target] = rest;
    const problem = /^\d+$/.test(ms) ? latencyProblem(Number(ms)) : latencyProblem(undefined);
    if (problem) throw new FaultError(`fault ${JSON.stringify(text)}: ${problem}`);
    return withTarget({ kind: fault, ms: Number(ms) }, target.join(":"), text);
  }
  return withTarget({ kind: fault }, rest.join(":"), text);
}

function withTarget(fault: Fault, target: string, text: string): Fault {
  if (target === "") return fault;
  if (SERVER_WIDE.includes(fault.kind))
    throw new FaultError(`fault ${JSON.stringify(text)}: ${fault.kind} acts on the whole SMTP server and takes no target`);
  return { ...fault, target };
}

/**
 * Whether `fault` reaches something known by `names` (a tenant's name and id, an app's name and
 * client id, a mailbox's address, each with its parents' names): an untargeted fault reaches
 * everything, a targeted one what it names.
 */
export function reaches(fault: Fault, names: readonly string[]): boolean {
  if (fault.target === undefined) return true;
  const target = fault.target.toLowerCase();
  return names.some((name) => name.toLowerCase() === target);
}

/** Whether a fault of `kind` reaches something known by `names`. */
export function hasFault(faults: readonly Fault[], kind: FaultKind, names: readonly string[]): boolean {
  return faults.some((fault) => fault.kind === kind && reaches(fault, names));
}

/** The delay the latency faults give a request about something known by `names` (the longest that applies). */
export function latencyFor(faults: readonly Fault[], names: readonly string[]): number {
  return Math.max(0, ...faults.filter((fault) => fault.kind === "latency" && reaches(fault, names)).map((fault) => fault.ms ?? 0));
}

/** Waits `ms` milliseconds, or until `stopping` aborts: a stopping emulator leaves no delayed answer running. */
export function lateBy(ms: number, stopping: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (stopping.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      stopping.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stopping.addEventListener("abort", done, { once: true });
  });
}
