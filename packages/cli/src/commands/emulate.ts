import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { InputError, shellWord } from "@smtpcfg/core";
import { FAULT_KINDS, type Fault, FaultError, parseFault, type RunningEmulator, startEmulator } from "@smtpcfg/emulator";
import type { Argv } from "yargs";
import { type ConnectionFile, checkConnectionFile, writeConnectionFile } from "../connection-file.js";
import { EXIT } from "../exit-codes.js";
import { fileErrorReason } from "../file-error.js";
import type { Io } from "../io.js";
import { readConfig } from "../read-config.js";

export interface EmulateArguments {
  config: string;
  /**
   * As given, undefined when not: checkPort() reads it, so that a value that is no port is quoted as
   * the user wrote it (yargs makes a number of "abc" NaN, and of "0x50" 80). No default: yargs
   * would give it to a bare --smtp-port.
   */
  entraPort: string | undefined;
  smtpPort: string | undefined;
  fault: string[] | undefined;
  outbox: string | undefined;
  connectionFile: string;
}

const DEFAULT_CONFIG = "smtpcfg.yaml";
const DEFAULT_CONNECTION_FILE = "smtpcfg-emulator.json";

export function emulateOptions(yargs: Argv): Argv<EmulateArguments> {
  return yargs
    .option("config", {
      alias: "c",
      describe: "The config whose tenants, apps and mailboxes the emulator serves",
      type: "string",
      default: DEFAULT_CONFIG,
      requiresArg: true,
    })
    .option("entra-port", { describe: "Port of the token endpoint (HTTPS); 0 takes a free one", type: "string", defaultDescription: "0" })
    .option("smtp-port", { describe: "Port of the SMTP server (STARTTLS); 0 takes a free one", type: "string", defaultDescription: "0" })
    .option("fault", {
      describe: `A fault to inject, KIND[:TARGET] (repeat for several; TARGET: an app's name or client id, a mailbox address, a tenant): ${FAULT_KINDS.map((kind) => (kind === "latency" ? "latency:MS" : kind)).join(", ")}`,
      type: "string",
      array: true,
    })
    .option("outbox", {
      describe: "Folder to keep accepted messages in, as .eml files (default: a temporary folder, removed on exit)",
      type: "string",
      requiresArg: true,
    })
    .option("connection-file", {
      describe:
        "Where to write the endpoints as JSON (authority, scope, smtpHost, smtpPort, caFile), for smtpcfg verify --endpoints; removed on exit. A file already there is replaced only if it is the connection file of an emulator no longer running",
      type: "string",
      default: DEFAULT_CONNECTION_FILE,
      requiresArg: true,
    })
    .example("$0 emulate", `Serve the tenants of ./${DEFAULT_CONFIG} until Ctrl+C; endpoints in ./${DEFAULT_CONNECTION_FILE}`)
    .example("$0 emulate --fault consent-missing:omada-smtp", "The app omada-smtp's tokens lack SMTP.SendAsApp: SMTP answers 535 5.7.3")
    .example(
      "$0 emulate --fault smtp-auth-disabled-tenant --fault latency:2000",
      "SMTP AUTH off for the organisation, every answer 2 s late",
    )
    .example("$0 emulate --smtp-port 2587 --outbox mail/", "A fixed SMTP port for another client; messages kept in mail/")
    .epilogue("Exit codes: 0 stopped by a signal, 2 usage or config error, 3 internal error.")
    .strict() as unknown as Argv<EmulateArguments>;
}

/** The port an option gives (0 when it is not given), or a usage error quoting the value as given (main() refuses an empty one). */
function checkPort(name: string, given: string | undefined): number {
  if (given === undefined) return 0;
  const port = /^\d{1,5}$/.test(given) ? Number(given) : Number.NaN;
  if (!(port <= 65535)) throw new InputError(`--${name} ${JSON.stringify(given)}: a port is a whole number from 0 to 65535`);
  return port;
}

/** Errors of a path the user named: the folder or file cannot be made there. */
const PATH_ERRORS = new Set(["ENOENT", "ENOTDIR", "EACCES", "EPERM", "EROFS", "EEXIST", "EISDIR", "ENOSPC", "ENAMETOOLONG", "ELOOP"]);

/** The error as a one-line usage error naming the option, when it is about the path that option gave (or a file in it, or a folder above it). */
function pathError(error: unknown, option: string, path: string): InputError | undefined {
  const { code, path: failed = path } = error as NodeJS.ErrnoException;
  if (code === undefined || !PATH_ERRORS.has(code)) return undefined;
  const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);
  if (!within(failed, dirname(path)) && !within(path, failed)) return undefined;
  return new InputError(`--${option} ${path}: cannot be written there: ${fileErrorReason(error)}`);
}

/** Runs a step on the connection file, an error of its path (or a folder above it) as a usage error. */
function onConnectionFile<T>(path: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw pathError(error, "connection-file", path) ?? error;
  }
}

/** The signals that stop the emulator: Ctrl+C, a service manager's stop, the terminal closed. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** The signals the emulator stops at, from the moment it serves until it has stopped. */
export interface StopSignals {
  /** Resolves with the name of the first. */
  first: Promise<string>;
  /** Called once the emulator has stopped: from then on a signal acts as it does in any process. */
  release(): void;
}

/**
 * The process's stop signals. A second one while the emulator is still stopping ends the process at
 * once, as that signal does by default: what the emulator created is gone by then (see emulateCommand).
 */
function processSignals(): StopSignals {
  let resolveFirst: (signal: string) => void = () => {};
  const first = new Promise<string>((resolve) => {
    resolveFirst = resolve;
  });
  let received = false;
  const release = () => {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (!received) {
      received = true;
      resolveFirst(signal);
      return;
    }
    release();
    process.kill(process.pid, signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  return { first, release };
}

interface Ports {
  entra: number;
  smtp: number;
}

async function start(args: EmulateArguments, io: Io, ports: Ports, faults: Fault[], configPath: string): Promise<RunningEmulator | number> {
  const read = await readConfig(configPath, args.config, io, "emulate", "emulator not started");
  const outbox = args.outbox === undefined ? undefined : resolve(io.cwd, args.outbox);
  if (typeof read === "number") return read;
  try {
    return await startEmulator(read.config, {
      configDir: dirname(configPath),
      env: { ...io.env },
      entraPort: ports.entra,
      smtpPort: ports.smtp,
      faults,
      ...(outbox === undefined ? {} : { outbox }),
      log: (line) => io.stderr.write(`${new Date().toISOString()} ${line}\n`),
    });
  } catch (error) {
    if (error instanceof FaultError) throw new InputError(error.message);
    const outboxError = outbox === undefined ? undefined : pathError(error, "outbox", outbox);
    if (outboxError) throw outboxError;
    const { code, syscall } = error as NodeJS.ErrnoException;
    const asked = `--entra-port ${ports.entra}, --smtp-port ${ports.smtp}`;
    if (code === "EADDRINUSE") throw new InputError(`a port asked for is in use (${asked}): choose another, or 0 for a free one`);
    if (code === "EACCES" && syscall === "listen")
      throw new InputError(
        `a port asked for needs rights this user does not have (${asked}; ports below 1024 are privileged): choose one above 1023, or 0 for a free one`,
      );
    throw error;
  }
}

/** Runs the emulator until SIGINT, SIGTERM or SIGHUP, then stops it and removes what it created. */
export async function emulateCommand(args: EmulateArguments, io: Io, stopSignals: () => StopSignals = processSignals): Promise<number> {
  const ports = { entra: checkPort("entra-port", args.entraPort), smtp: checkPort("smtp-port", args.smtpPort) };
  let faults: Fault[];
  try {
    faults = (args.fault ?? []).map(parseFault);
  } catch (error) {
    if (error instanceof FaultError) throw new InputError(error.message);
    throw error;
  }
  const configPath = resolve(io.cwd, args.config);
  const connectionFile = resolve(io.cwd, args.connectionFile);
  // Before the servers start, so that a file the user has there is refused at once.
  onConnectionFile(connectionFile, () => checkConnectionFile(connectionFile, args.connectionFile));
  const emulator = await start(args, io, ports, faults, configPath);
  if (typeof emulator === "number") return emulator;
  // Only now: a start that hangs or fails must stay stoppable by Ctrl+C.
  const signals = stopSignals();
  let connection: ConnectionFile | undefined;
  let signal: string;
  try {
    connection = onConnectionFile(connectionFile, () => writeConnectionFile(connectionFile, args.connectionFile, emulator.endpoints));
    const { endpoints } = emulator;
    const nearby = relative(io.cwd, connectionFile);
    const shownConnection = nearby.startsWith("..") || isAbsolute(nearby) ? connectionFile : nearby;
    io.stdout.write(
      [
        `smtpcfg emulate: serving the tenants of ${args.config}`,
        `  authority   ${endpoints.authority}  (token: ${endpoints.authority}/<tenant>/oauth2/v2.0/token)`,
        ...(endpoints.scope ? [`  scope       ${endpoints.scope}`] : []),
        `  SMTP        ${endpoints.smtpHost}:${endpoints.smtpPort}  (STARTTLS, then AUTH XOAUTH2)`,
        `  CA          ${endpoints.caFile}`,
        `  outbox      ${emulator.outbox}`,
        `  faults      ${args.fault?.join(", ") || "none"}`,
        `  connection  ${shownConnection}  (smtpcfg verify --endpoints ${shellWord(shownConnection)})`,
        "Ctrl+C stops it.",
        "",
      ].join("\n"),
    );
    signal = await signals.first;
  } finally {
    // Every connection ended and every file it made removed before anything is awaited: a second
    // signal, which ends the process at once, leaves nothing behind.
    const stopped = emulator.stop();
    connection?.remove();
    await stopped;
    signals.release();
  }
  const stats = emulator.stats();
  io.stderr.write(
    `smtpcfg emulate: ${signal}: stopped after ${stats.tokenRequests} token requests, ${stats.smtpSessions} SMTP sessions, ${stats.messages} messages\n`,
  );
  return EXIT.ok;
}
