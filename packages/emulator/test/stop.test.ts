import { existsSync } from "node:fs";
import { request } from "node:https";
import { connect as connectTcp, type Socket } from "node:net";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { MAILBOX, startTestEmulator, TENANT_ID, type TestEmulator } from "./fixture.js";
import { SmtpSession } from "./smtp-session.js";
import { requestToken } from "./token-request.js";

/** A TCP connection that reads what comes and never closes its side: a client that idles, or hangs. */
function idleClient(port: number, first?: string): Promise<{ socket: Socket; received: () => string; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    let received = "";
    const socket = connectTcp({ port, host: "127.0.0.1", allowHalfOpen: true });
    // The server's end of the connection: FIN (which a half-open socket only reports as "end") or a reset.
    const ended = new Promise<void>((done) => {
      socket.once("end", () => done());
      socket.once("close", () => done());
    });
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
    });
    socket.on("error", () => {});
    socket.once("error", reject);
    socket.once("connect", () => {
      if (first !== undefined) socket.write(first);
      resolve({ socket, received: () => received, ended });
    });
  });
}

/** An HTTPS request to the token endpoint on a keep-alive connection, left open once answered. */
function keptAlive(test: TestEmulator): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${test.emulator.endpoints.authority}/common/discovery/instance`, {
      ca: test.ca,
      agent: false,
      headers: { connection: "keep-alive" },
    });
    outgoing.on("response", (response) => {
      response.resume();
      response.on("end", () => resolve());
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe("stop()", () => {
  it("ends idle sessions and connections at once, logs each session, and removes what the emulator made", async () => {
    const test = await startTestEmulator();
    const { smtpPort } = test.emulator.endpoints;
    const entraPort = Number(new URL(test.emulator.endpoints.authority).port);
    // Greeted, then silent; after QUIT, never closing its side; in the middle of a STARTTLS handshake; half a TLS handshake with the token endpoint; an idle keep-alive connection.
    const greeted = await idleClient(smtpPort);
    const quit = await idleClient(smtpPort);
    await until(() => quit.received().startsWith("220 "));
    quit.socket.write("QUIT\r\n");
    const upgrading = await SmtpSession.open(smtpPort);
    await upgrading.command("EHLO client.example");
    await upgrading.command("STARTTLS");
    const handshake = await idleClient(entraPort, "\u0016\u0003\u0001\u0000\u0050\u0001\u0000");
    await keptAlive(test);
    await until(() => greeted.received().startsWith("220 ") && quit.received().includes("221 "));
    const started = Date.now();
    const stopping = test.emulator.stop();
    // Removed before stop() returns: a process killed right after it leaves nothing behind.
    expect(existsSync(dirname(test.emulator.endpoints.caFile))).toBe(false);
    expect(existsSync(test.emulator.outbox)).toBe(false);
    await stopping;
    expect(Date.now() - started).toBeLessThan(1000);
    await Promise.all([greeted.ended, quit.ended, handshake.ended]);
    expect(greeted.received()).toMatch(/\r\n421 4\.3\.2 Service not available, closing transmission channel\r\n$/);
    expect(test.lines.filter((line) => line.startsWith("smtp "))).toEqual([
      'smtp mailbox=- result="no AUTH" messages=0',
      'smtp mailbox=- result="no AUTH" messages=0',
      'smtp mailbox=- result="no AUTH" messages=0',
    ]);
    for (const client of [greeted, quit, handshake]) client.socket.destroy();
    upgrading.close();
    await test.stop();
  });

  it("ends an SMTP AUTH and a token request that a latency fault holds back, without waiting for them", async () => {
    const test = await startTestEmulator({ faults: [{ kind: "latency", ms: 60_000 }] });
    const session = await SmtpSession.open(test.emulator.endpoints.smtpPort);
    await session.command("EHLO client.example");
    await session.startTls(test.ca);
    await session.command("EHLO client.example");
    const reply = session.command(`AUTH XOAUTH2 ${Buffer.from(`user=${MAILBOX}\u0001auth=Bearer x\u0001\u0001`).toString("base64")}`);
    const token = requestToken(test.emulator, TENANT_ID, { grant_type: "client_credentials" }, test.ca).catch((error: Error) => error);
    await until(() => test.emulator.stats().tokenRequests === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await test.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await reply).toBe("421 4.3.2 Service not available, closing transmission channel");
    expect(await token).toBeInstanceOf(Error);
    expect(test.lines.filter((line) => !line.startsWith("warning "))).toEqual([
      `token tenant=${TENANT_ID} client=- result=stopped`,
      `smtp mailbox=${MAILBOX} result="no AUTH" messages=0`,
    ]);
  });
});
