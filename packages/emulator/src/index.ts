// The emulator's public API (contract shared by `smtpcfg emulate`, `smtpcfg verify`'s tests and the benchmarks).
export { createCertificateCredential } from "./certificates.js";
export { type EmulatorOptions, type EmulatorStats, type RunningEmulator, startEmulator } from "./emulator.js";
export { FAULT_KINDS, FaultError, parseFault } from "./faults.js";
export type { EmulatorEndpoints, Fault, FaultKind } from "./types.js";
