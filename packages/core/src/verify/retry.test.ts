import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { acquireToken } from "./msal-token.js";
import type { NetworkResult } from "./network.js";
import { openSmtp } from "./smtp-session.js";

// --timeout is the time a network step may take, retries included: against servers on 127.0.0.1
// that never answer, or that cut every connection at once.

interface Loopback {
  port: number;
  /** TCP connections accepted so far: one per attempt. */
  connections(): number;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

/** A TCP server that accepts and then never says a word (`silent`), or resets each connection at once. */
async function loopback(behaviour: "silent" | "reset"): Promise<Loopback> {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.on("error", () => {});
    if (behaviour === "reset") return socket.resetAndDestroy();
    // Read and drop what comes: a socket that is not read never sees the client close it.
    socket.resume();
  });
  servers.push(server);
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return { port: address.port, connections: () => connections };
}

/** The result and the time it took. */
async function timed<T>(run: () => Promise<NetworkResult<T>>): Promise<{ result: NetworkResult<T>; ms: number }> {
  const started = Date.now();
  const result = await run();
  return { result, ms: Date.now() - started };
}

const limits = { timeoutMs: 1000, retries: 2 };
/** Timers fire a little late on a busy machine: what a step may take beyond its timeout. */
const SLACK_MS = 1000;

const tokenRequest = (port: number) => ({
  authority: `https://127.0.0.1:${port}`,
  tenantId: "contoso.onmicrosoft.com",
  clientId: "7a83471e-a8c7-4c06-8120-77b9aa56fa04",
  credential: { kind: "secret" as const, secret: "not-a-real-secret", source: "a literal" },
  scope: "https://outlook.office365.com/.default",
});

describe("the SMTP connection step, with a 1000 ms timeout and 2 retries", () => {
  it("ends within the timeout against a server that accepts and never greets, without trying again", async () => {
    const sink = await loopback("silent");
    const { result, ms } = await timed(() => openSmtp({ host: "127.0.0.1", port: sink.port }, limits));
    expect(result).toMatchObject({ ok: false, failure: { kind: "timeout" } });
    expect(ms).toBeLessThan(limits.timeoutMs + SLACK_MS);
    expect(sink.connections()).toBe(1);
  });

  it("tries again, within the timeout, a server that resets each connection", async () => {
    const resetting = await loopback("reset");
    const { result, ms } = await timed(() => openSmtp({ host: "127.0.0.1", port: resetting.port }, limits));
    expect(result).toMatchObject({ ok: false, failure: { kind: "unreachable" } });
    expect(resetting.connections()).toBe(3);
    expect(ms).toBeLessThan(limits.timeoutMs);
  });
});

describe("the token step, with a 1000 ms timeout and 2 retries", () => {
  it("ends within the timeout against an authority that accepts and never starts TLS, and says so", async () => {
    const sink = await loopback("silent");
    const { result, ms } = await timed(() => acquireToken(tokenRequest(sink.port), limits));
    expect(result).toMatchObject({ ok: false, failure: { kind: "timeout" } });
    if (!result.ok) expect(result.failure.message).toBe(`no complete answer from 127.0.0.1:${sink.port} within 1000 ms`);
    expect(ms).toBeLessThan(limits.timeoutMs + SLACK_MS);
    expect(sink.connections()).toBe(1);
  });

  it("tries again, within the timeout, an authority that resets each connection", async () => {
    const resetting = await loopback("reset");
    const { result, ms } = await timed(() => acquireToken(tokenRequest(resetting.port), limits));
    expect(result).toMatchObject({ ok: false, failure: { kind: "unreachable" } });
    expect(resetting.connections()).toBe(3);
    expect(ms).toBeLessThan(limits.timeoutMs);
  });
});
