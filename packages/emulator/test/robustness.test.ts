import { connect as connectTcp } from "node:net";
import { connect as connectTls } from "node:tls";
import { describe, expect, it } from "vitest";
import { CLIENT_ID, MAILBOX, OUTLOOK_SCOPE, SECRET, TENANT_ID, type TestEmulator, useTestEmulator } from "./fixture.js";
import { SmtpSession, xoauth2 } from "./smtp-session.js";
import { requestToken } from "./token-request.js";

/**
 * Connects, writes `lines` (each followed by CRLF) once the server has greeted, or at once with
 * `early`, then ends its side of the connection: resolves when the server has closed it.
 */
function abuseSmtp(port: number, lines: string[], options: { early?: boolean } = {}): Promise<void> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, "127.0.0.1");
    const send = () => socket.end(lines.map((line) => `${line}\r\n`).join(""));
    socket.on("error", () => {});
    socket.on("close", () => resolve());
    if (options.early) socket.on("connect", send);
    else socket.once("data", send);
    socket.resume();
  });
}

/** A TLS connection to the token endpoint that sends `bytes` (or nothing) and drops. */
function abuseHttps(port: number, ca: string, bytes: string | undefined): Promise<void> {
  return new Promise((resolve) => {
    const socket = connectTls({ host: "127.0.0.1", port, ca });
    const finish = () => {
      socket.destroy();
      resolve();
    };
    socket.on("error", finish);
    socket.on("close", finish);
    socket.on("secureConnect", () => {
      if (bytes === undefined) return finish();
      socket.write(bytes, () => setImmediate(finish));
    });
  });
}

/** A TCP connection to the token endpoint that speaks no TLS at all. */
function plainToHttps(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, "127.0.0.1");
    const finish = () => {
      socket.destroy();
      resolve();
    };
    socket.on("error", finish);
    socket.on("close", finish);
    socket.on("connect", () => socket.write("GET / HTTP/1.1\r\n\r\n"));
  });
}

const ABUSES: ((test: TestEmulator, ca: string) => Promise<void>)[] = [
  (t) => abuseSmtp(t.emulator.endpoints.smtpPort, [], { early: true }),
  (t) => abuseSmtp(t.emulator.endpoints.smtpPort, ["\u0000\u00ff garbage \u0007"], { early: true }),
  (t) => abuseSmtp(t.emulator.endpoints.smtpPort, ["EHLO x.example"]),
  (t) => abuseSmtp(t.emulator.endpoints.smtpPort, ["EHLO x.example", "STARTTLS", "\u0016\u0003\u0001 not a handshake"]),
  (t) => abuseSmtp(t.emulator.endpoints.smtpPort, ["EHLO x.example", "AUTH XOAUTH2 %%%not-base64%%%"]),
  (t) => abuseSmtp(t.emulator.endpoints.smtpPort, ["EHLO", "MAIL FROM:<>", "RCPT TO:<x>", "DATA", "BDAT 10 LAST"]),
  (t) => abuseSmtp(t.emulator.endpoints.smtpPort, [`EHLO ${"x".repeat(20_000)}`]),
  (t, ca) => abuseHttps(Number(new URL(t.emulator.endpoints.authority).port), ca, undefined),
  (t, ca) =>
    abuseHttps(
      Number(new URL(t.emulator.endpoints.authority).port),
      ca,
      "POST /x/oauth2/v2.0/token HTTP/1.1\r\nContent-Length: 100000\r\n\r\nabc",
    ),
  (t, ca) => abuseHttps(Number(new URL(t.emulator.endpoints.authority).port), ca, "NOT HTTP AT ALL\r\n\r\n"),
  (t) => plainToHttps(Number(new URL(t.emulator.endpoints.authority).port)),
];

describe("the emulator under malformed sessions and dropped connections", () => {
  const emulated = useTestEmulator();

  it("keeps serving after 1,000 of them, 50 at a time, and still issues a token and accepts a message", async () => {
    const test = emulated();
    const { ca } = test;
    const total = 1000;
    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < total) {
          const abuse = ABUSES[next++ % ABUSES.length] as (typeof ABUSES)[number];
          await abuse(test, ca);
        }
      }),
    );
    const answer = await requestToken(
      test.emulator,
      TENANT_ID,
      { grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: SECRET, scope: OUTLOOK_SCOPE },
      ca,
    );
    expect(answer.status).toBe(200);
    const session = await SmtpSession.open(test.emulator.endpoints.smtpPort);
    await session.command("EHLO client.example");
    await session.startTls(ca);
    await session.command("EHLO client.example");
    expect(await session.command(`AUTH XOAUTH2 ${xoauth2(MAILBOX, String(answer.body?.access_token))}`)).toBe(
      "235 2.7.0 Authentication successful",
    );
    expect(await session.command(`MAIL FROM:<${MAILBOX}>`)).toBe("250 2.1.0 Sender OK");
    expect(await session.command("RCPT TO:<someone@example.com>")).toBe("250 2.1.5 Recipient OK");
    expect(await session.command("DATA")).toMatch(/^354 /);
    expect(await session.command("Subject: after the storm\r\n\r\nStill here.\r\n.")).toBe("250 2.6.0 Queued mail for delivery");
    session.close();
    expect(test.emulator.stats().messages).toBe(1);
    expect(test.emulator.stats().smtpSessions).toBeGreaterThan(total / 3);
  });
});
