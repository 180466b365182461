import { execFile } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CLIENT_ID, MAILBOX, OUTLOOK_SCOPE, SECRET, TENANT_ID, useTestEmulator } from "./fixture.js";

const run = promisify(execFile);

describe("curl as an independent client", () => {
  const emulated = useTestEmulator();

  it("gets a token over HTTPS and sends a message with SMTP STARTTLS and AUTH XOAUTH2; the message lands in the outbox", async () => {
    const test = emulated();
    const { endpoints } = test.emulator;
    const form = ["grant_type=client_credentials", `client_id=${CLIENT_ID}`, `client_secret=${SECRET}`, `scope=${OUTLOOK_SCOPE}`];
    const { stdout } = await run("curl", [
      "--silent",
      "--show-error",
      "--fail",
      "--cacert",
      endpoints.caFile,
      ...form.flatMap((field) => ["--data-urlencode", field]),
      `${endpoints.authority}/${TENANT_ID}/oauth2/v2.0/token`,
    ]);
    const token = JSON.parse(stdout) as { token_type: string; expires_in: number; access_token: string };
    expect(token.token_type).toBe("Bearer");
    expect(token.expires_in).toBe(3599);

    const message = join(test.configDir, "message.eml");
    writeFileSync(message, `From: ${MAILBOX}\r\nTo: someone@example.com\r\nSubject: curl test\r\n\r\nSent by curl.\r\n`);
    const smtp = await run("curl", [
      "--silent",
      "--show-error",
      "--verbose",
      `smtp://${endpoints.smtpHost}:${endpoints.smtpPort}`,
      "--ssl-reqd",
      "--cacert",
      endpoints.caFile,
      "--login-options",
      "AUTH=XOAUTH2",
      "--user",
      `${MAILBOX}:`,
      "--oauth2-bearer",
      token.access_token,
      "--mail-from",
      MAILBOX,
      "--mail-rcpt",
      "someone@example.com",
      "--upload-file",
      message,
    ]);
    expect(smtp.stderr).toContain("< 235 2.7.0 Authentication successful");
    expect(smtp.stderr).toContain("< 250 2.6.0 Queued mail for delivery");
    const stored = readdirSync(test.emulator.outbox).filter((name) => name.endsWith(".eml"));
    expect(stored).toHaveLength(1);
    expect(readFileSync(join(test.emulator.outbox, stored[0] as string), "utf8")).toContain("Subject: curl test");
    expect(test.emulator.stats()).toMatchObject({ tokenRequests: 1, messages: 1 });
  });
});
