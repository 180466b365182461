import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { MailboxReport } from "@smtpcfg/core";
import { createCertificateCredential, type RunningEmulator } from "@smtpcfg/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Argv } from "yargs";
import { VERIFY_SECRET_VARIABLE, verifyConfig } from "../../../bench/verify-config.mjs";
import { verifyOptions } from "../src/commands/verify.js";
import { emulate, verifyJson, verifyRun, type Workspace, workspace } from "./verify-fixture.js";

// verify of the bundled example against the emulator, the tenants as they are after the generated
// scripts ran: everything passes. contoso's app has a client secret from the environment,
// fabrikam's a certificate, made here.
const SECRET = "Kq8~vN3xR.pL5tW_zY7bM2cF9hJ4dS6gA1eQ0uI";
const CONFIG = readFileSync(join(import.meta.dirname, "../../../examples/smtpcfg.yaml"), "utf8");

let space: Workspace;
let emulator: RunningEmulator;
let endpoints: string;
let secrets: Record<string, string>;

beforeAll(async () => {
  const certificate = await createCertificateCredential({ commonName: "fabrikam-notifications" });
  const files = {
    "certs/fabrikam-notifications.crt": certificate.certificatePem,
    "certs/fabrikam-notifications.key": certificate.privateKeyPem,
  };
  space = workspace(CONFIG, files, { CONTOSO_SMTP_SECRET: SECRET });
  secrets = { "client secret": SECRET, "private key": certificate.privateKeyPem };
  ({ emulator, endpoints } = await emulate(space, CONFIG));
});

afterAll(async () => {
  await emulator?.stop();
});

const byAddress = (mailboxes: MailboxReport[], address: string) =>
  mailboxes.find((mailbox) => mailbox.mailbox === address) as MailboxReport;

describe("smtpcfg verify against the emulator", () => {
  it("passes every step for a client secret from the environment and for a certificate", async () => {
    const { code, report } = await verifyJson(space, ["--endpoints", endpoints], secrets);
    expect(code).toBe(0);
    expect(report.passed).toBe(true);
    expect(report.mailboxes.map((mailbox) => [mailbox.mailbox, mailbox.passed])).toEqual([
      ["omada-notify@contoso.com", true],
      ["identity-team@contoso.com", true],
      ["noreply@fabrikam.com", true],
    ]);
    for (const mailbox of report.mailboxes) {
      expect(mailbox.steps.map((step) => [step.step, step.status])).toEqual([
        ["credential", "passed"],
        ["token", "passed"],
        ["claims", "passed"],
        ["starttls", "passed"],
        ["auth", "passed"],
      ]);
      expect(mailbox.diagnosis).toBeUndefined();
    }
    expect(byAddress(report.mailboxes, "omada-notify@contoso.com").steps[0]?.detail).toBe(
      "client secret from environment variable CONTOSO_SMTP_SECRET",
    );
    expect(byAddress(report.mailboxes, "noreply@fabrikam.com").steps[0]?.detail).toBe("certificate certs/fabrikam-notifications.crt");
    expect(byAddress(report.mailboxes, "omada-notify@contoso.com").steps.find((step) => step.step === "auth")?.detail).toMatch(/^235 /);
    // One token per app: omada-smtp's two mailboxes share theirs.
    expect(report.tokenRequests).toBe(2);
  });

  it("asks the emulator's authority however it is spelt (capitals, a 0 before the port, a trailing /), with one request", async () => {
    const { authority } = emulator.endpoints;
    const respelt = join(space.dir, "respelt.json");
    const spelling = `${authority.replace("https://", "HTTPS://").replace(/:(\d+)$/, ":0$1")}/`;
    writeFileSync(respelt, JSON.stringify({ ...emulator.endpoints, authority: spelling }));
    const before = emulator.stats().tokenRequests;
    const { code, report } = await verifyJson(space, ["--endpoints", respelt, "--mailbox", "omada-notify@contoso.com"], secrets);
    expect(code).toBe(0);
    expect(report.mailboxes[0]?.steps.find((step) => step.step === "token")?.detail).toMatch(new RegExp(`^${authority}/[^/]+, scope `));
    expect(emulator.stats().tokenRequests).toBe(before + 1);
  });

  it("sends a test message with --send, From the mailbox, with the run id in its subject", async () => {
    const before = emulator.stats().messages;
    const { code, report } = await verifyJson(
      space,
      ["--endpoints", endpoints, "--mailbox", "omada-notify@contoso.com", "--send", "--to", "admin@contoso.com"],
      secrets,
    );
    expect(code).toBe(0);
    const send = report.mailboxes[0]?.steps.find((step) => step.step === "send");
    expect(send?.status).toBe("passed");
    expect(send?.detail).toMatch(/^250 /);
    expect(emulator.stats().messages).toBe(before + 1);
    const messages = readdirSync(emulator.outbox).map((name) => readFileSync(join(emulator.outbox, name), "utf8"));
    const sent = messages.find((text) => text.includes(report.runId));
    expect(sent).toMatch(/^From: omada-notify@contoso\.com/m);
    expect(sent).toMatch(/^To: admin@contoso\.com/m);
    expect(sent).toMatch(new RegExp(`^Subject: smtpcfg verify ${report.runId} \\d{4}-`, "m"));
  });

  it("sends From another mailbox that grants the app SendAs", async () => {
    const { code, report } = await verifyJson(
      space,
      [
        "--endpoints",
        endpoints,
        "-m",
        "omada-notify@contoso.com",
        "--send",
        "--to",
        "admin@contoso.com",
        "--from",
        "identity-team@contoso.com",
      ],
      secrets,
    );
    expect(code).toBe(0);
    expect(report.mailboxes[0]?.steps.at(-1)).toMatchObject({ step: "send", status: "passed" });
  });

  it("prints one line per mailbox with every step's duration, and exits 0", async () => {
    const { code, stdout } = await verifyRun(space, ["--endpoints", endpoints, "--tenant", "fabrikam"], secrets);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^✓ fabrikam noreply@fabrikam\.com \(app notifications\) {2}credential \d+ ms · token \d+ ms · claims \d+ ms · starttls \d+ ms · auth \d+ ms$/m,
    );
    expect(stdout).toMatch(/^smtpcfg verify: 1 mailbox passed \(1 token request, run [0-9a-f]{8}, /m);
  });

  it("with --verbose, shows what each step of a passed mailbox found", async () => {
    const { code, stdout } = await verifyRun(space, ["--endpoints", endpoints, "--tenant", "fabrikam", "--verbose"], secrets);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {4}✓ credential +\d+ ms {2}certificate certs\/fabrikam-notifications\.crt$/m);
    expect(stdout).toMatch(/^ {4}✓ claims +\d+ ms {2}aud https:\/\/outlook\.office365\.com, roles ∋ SMTP\.SendAsApp, oid [0-9a-f-]{36}$/m);
    expect(stdout).toMatch(/^ {4}✓ starttls +\d+ ms {2}127\.0\.0\.1:\d+, TLSv1\.[23]$/m);
  });

  it("rewrites one status line per mailbox in place on a terminal", async () => {
    const plain = { ...space, env: { ...space.env, NO_COLOR: "1" } };
    const { code, stdout } = await verifyRun(plain, ["--endpoints", endpoints, "--tenant", "fabrikam"], secrets, { tty: true });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^· fabrikam noreply@fabrikam\.com \(app notifications\) waiting\n/);
    expect(stdout).toContain("\u001b[1A\r\u001b[2K… fabrikam noreply@fabrikam.com (app notifications) token\u001b[1B\r");
    expect(stdout).toContain("\u001b[1A\r\u001b[2K✓ fabrikam noreply@fabrikam.com");
  });

  it("reports a missing secret by the variable's name, without asking for a token", async () => {
    const before = emulator.stats().tokenRequests;
    const result = await verifyRun({ ...space, env: {} }, ["--endpoints", endpoints, "-m", "omada-notify@contoso.com"], secrets);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("✗ credential");
    expect(result.stdout).toContain("credential-missing");
    expect(result.stdout).toContain("CONTOSO_SMTP_SECRET");
    expect(emulator.stats().tokenRequests).toBe(before);
    // The JSON report's diagnosis names the variable, and no file it could not know (verifyJson checks for <name> markers).
    const { report } = await verifyJson({ ...space, env: {} }, ["--endpoints", endpoints, "-m", "omada-notify@contoso.com"], secrets);
    expect(report.mailboxes[0]?.diagnosis?.id).toBe("credential-missing");
    expect(report.mailboxes[0]?.diagnosis?.fix).toContain("CONTOSO_SMTP_SECRET");
  });

  it.each([
    ["environment variable", `{ env: ${SECRET.replace(/[\W_]/g, "")} }`, SECRET.replace(/[\W_]/g, "")],
    ["file", `{ file: "${SECRET}" }`, SECRET],
  ])(
    "never names the %s the config gives when it is the secret itself, written where the name belongs",
    async (_what, reference, secret) => {
      const pasted = workspace(CONFIG.replace("{ env: CONTOSO_SMTP_SECRET }", reference), {}, {});
      const args = ["--endpoints", endpoints, "-m", "omada-notify@contoso.com"];
      const result = await verifyRun(pasted, args, { "client secret": secret });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("shaped like a client secret (not shown)");
    },
  );

  it("reports a missing certificate file by its name, in the diagnosis and its fix", async () => {
    const bare = workspace(CONFIG, {}, {});
    const { code, report } = await verifyJson(bare, ["--endpoints", endpoints, "--tenant", "fabrikam"], secrets);
    expect(code).toBe(1);
    const [failed] = report.mailboxes as [MailboxReport];
    expect(failed.steps).toEqual([
      {
        step: "credential",
        status: "failed",
        ms: expect.any(Number),
        detail: "the file certs/fabrikam-notifications.crt cannot be read (ENOENT)",
      },
    ]);
    expect(failed.diagnosis?.id).toBe("credential-missing");
    expect([failed.diagnosis?.cause, failed.diagnosis?.fix].join("\n")).toContain("certs/fabrikam-notifications.crt");
  });

  it("passes every example of smtpcfg verify --help for examples/smtpcfg.yaml, against the emulator", async () => {
    const examples: string[] = [];
    const recorder: object = new Proxy(
      {},
      {
        get: (_, method) => (text: unknown) => {
          if (method === "example") examples.push(String(text));
          return recorder;
        },
      },
    );
    verifyOptions(recorder as Argv);
    expect(examples.length).toBeGreaterThan(3);
    copyFileSync(endpoints, join(space.dir, "smtpcfg-emulator.json"));
    for (const example of examples) {
      // `$0 verify …`, up to a shell redirection; against the emulator's endpoints where it names none.
      const words = example.split(" > ")[0]?.split(" ").slice(2) ?? [];
      const args = words.includes("--endpoints") ? words : [...words, "--endpoints", "smtpcfg-emulator.json"];
      const { code, stdout, stderr } = await verifyRun(space, args, secrets);
      expect(code, `${example}\n${stdout}${stderr}`).toBe(0);
    }
  });
});

describe("smtpcfg verify: usage", () => {
  it.each([
    [["--send"], "--send needs --to"],
    [["--to", "a@b.com"], "--to and --from go with --send"],
    [["--concurrency", "0"], "--concurrency must be"],
    [["--timeout", "-1"], "--timeout must be"],
    [["--tenant", "contosso"], 'did you mean "contoso"'],
    [["--mailbox", "nobody@contoso.com"], "--mailbox nobody@contoso.com: no such mailbox"],
  ])("%j is a usage error (exit 2)", async (args, message) => {
    const result = await verifyRun(space, args, secrets);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it.each(["http://127.0.0.1:18080", "ftp://x"])("refuses an --endpoints file whose authority is %s: not https", async (authority) => {
    const insecure = join(space.dir, "insecure.json");
    writeFileSync(insecure, JSON.stringify({ authority }));
    const result = await verifyRun(space, ["--endpoints", insecure], secrets);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `smtpcfg: --endpoints ${insecure}: authority must be an https URL (https://host[:port][/path], no user name, query or fragment): tokens are requested only over HTTPS\n`,
    );
  });

  it("refuses an --endpoints file that is not JSON", async () => {
    const result = await verifyRun(space, ["--endpoints", space.config], secrets);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`smtpcfg: --endpoints ${space.config}: is not JSON\n`);
  });
});

describe("smtpcfg verify at scale", () => {
  it("verifies 100 mailboxes of 5 apps with exactly 5 token requests", async () => {
    const yaml = verifyConfig({ apps: 5, mailboxes: 100 });
    const scale = workspace(yaml, {}, { [VERIFY_SECRET_VARIABLE]: SECRET });
    const started = await emulate(scale, yaml);
    try {
      const { code, report } = await verifyJson(scale, ["--endpoints", started.endpoints, "--concurrency", "8"], secrets);
      expect(code).toBe(0);
      expect(report.mailboxes).toHaveLength(100);
      expect(report.mailboxes.every((mailbox) => mailbox.passed)).toBe(true);
      expect(report.tokenRequests).toBe(5);
      expect(started.emulator.stats()).toMatchObject({ tokenRequests: 5, smtpSessions: 100 });
    } finally {
      await started.emulator.stop();
    }
  });
});
