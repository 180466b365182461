import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Config } from "@smtpcfg/core";
import { makeFolders } from "@smtpcfg/core/make-folders";
import { createEmulatorTls, type EmulatorTls } from "./certificates.js";
import { buildDirectory } from "./directory.js";
import type { Log } from "./log.js";
import { createSmtpServer } from "./smtp.js";
import { createTokenEndpoint } from "./token-endpoint.js";
import { createTokenIssuer } from "./tokens.js";
import type { EmulatorEndpoints, Fault } from "./types.js";

export interface EmulatorOptions {
  /** Where `file:` secrets and certificate files are resolved from (default: the working directory). */
  configDir?: string;
  /** Where `env:` secrets are read (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  entraPort?: number;
  smtpPort?: number;
  faults?: Fault[];
  /** Folder for accepted messages (.eml); default: a temporary folder, removed by stop(). */
  outbox?: string;
  /** A CA and the server certificate it signed; default: made at start. */
  tls?: EmulatorTls;
  /** Where ca.pem is written; default: a temporary folder, removed by stop(). */
  stateDir?: string;
  /** One line per token request and per SMTP session; never a secret or a token. */
  log?: Log;
}

export interface EmulatorStats {
  tokenRequests: number;
  smtpSessions: number;
  messages: number;
}

export interface RunningEmulator {
  endpoints: EmulatorEndpoints;
  outbox: string;
  stats(): EmulatorStats;
  /**
   * Stops both servers, ends every open connection (an SMTP session with 421) and removes what the
   * emulator created (temporary folders, ca.pem), all before it returns; resolves once the
   * servers are closed and every session has been logged.
   */
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolveListen(typeof address === "object" && address ? address.port : port);
    });
  });
}

const urlHost = (host: string) => (host.includes(":") ? `[${host}]` : host);

/** Starts the token endpoint and the SMTP server for the tenants of `config`, as they are after the generated scripts ran. */
export async function startEmulator(config: Config, options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const faults = options.faults ?? [];
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? (() => {});
  const directory = buildDirectory(config, faults, { configDir: resolve(options.configDir ?? "."), env: options.env ?? process.env });
  for (const warning of directory.warnings) log(`warning ${warning}`);
  const [tls, issuer] = await Promise.all([options.tls ?? createEmulatorTls(host), createTokenIssuer()]);

  const created: string[] = [];
  const temporary = (prefix: string) => {
    const folder = mkdtempSync(join(tmpdir(), prefix));
    created.push(folder);
    return folder;
  };
  const remove = () => {
    for (const path of created.reverse()) rmSync(path, { recursive: true, force: true });
  };
  const outbox = options.outbox ? resolve(options.outbox) : temporary("smtpcfg-outbox-");
  const stateDir = options.stateDir ? resolve(options.stateDir) : temporary("smtpcfg-emulator-");
  const caFile = join(stateDir, "ca.pem");
  try {
    makeFolders(outbox);
    makeFolders(stateDir);
    created.push(caFile);
    writeFileSync(caFile, tls.caCertPem);
  } catch (error) {
    // A full disk, a folder it may not write: nothing it made is left behind.
    remove();
    throw error;
  }

  const stats: EmulatorStats = { tokenRequests: 0, smtpSessions: 0, messages: 0 };
  const stopping = new AbortController();
  let authority = "";
  const entra = createTokenEndpoint(tls, {
    directory,
    issuer,
    faults,
    authority: () => authority,
    log,
    counted: () => stats.tokenRequests++,
    stopping: stopping.signal,
  });
  // Its TCP sockets, TLS handshakes and idle keep-alive connections included: stop() ends them all.
  const entraSockets = new Set<Socket>();
  entra.on("connection", (socket: Socket) => {
    entraSockets.add(socket);
    socket.once("close", () => entraSockets.delete(socket));
  });
  const smtp = createSmtpServer(tls, {
    directory,
    issuer,
    faults,
    outbox,
    log,
    counted: { session: () => stats.smtpSessions++, message: () => stats.messages++ },
    stopping: stopping.signal,
  });
  let entraPort: number;
  let smtpPort: number;
  try {
    entraPort = await listen(entra, options.entraPort ?? 0, host);
    smtpPort = await listen(smtp.server.server as Server, options.smtpPort ?? 0, host);
  } catch (error) {
    entra.close();
    remove();
    throw error;
  }
  authority = `https://${urlHost(host)}:${entraPort}`;
  const cloud = new Set(config.tenants.map((tenant) => tenant.cloud ?? "global"));
  const scope = cloud.size === 1 ? `${[...directory.tenants.values()][0]?.cloud.outlookResource}/.default` : undefined;
  const endpoints: EmulatorEndpoints = { authority, ...(scope ? { scope } : {}), smtpHost: host, smtpPort, caFile };

  let stopped: Promise<void> | undefined;
  return {
    endpoints,
    outbox,
    stats: () => ({ ...stats }),
    stop: () => {
      stopped ??= (async () => {
        // Clients are not waited for: one that idles would hold the stop (and Ctrl+C) for as long as it likes.
        stopping.abort();
        const entraClosed = new Promise<void>((done) => entra.close(() => done()));
        for (const socket of entraSockets) socket.destroy();
        const smtpClosed = smtp.close();
        remove();
        await Promise.all([entraClosed, smtpClosed]);
        await smtp.idle();
      })();
      return stopped;
    },
  };
}
