import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { VerifyReport } from "@smtpcfg/core";
import { generate as makeCertificate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BundledCli, buildBundledCli, type ProcessResult, type RunOptions, runBundledCli, startBundledCli } from "./bundled-cli.js";
import { fakeAccessToken } from "./hostile/fake-token.js";
import { runCli } from "./run-cli.js";
import { secretsIn } from "./secret-search.js";

// Every command and format of the CLI as it ships, run as a process with a known client secret
// (from an environment variable and from a file), certificate private key and access token,
// planted wherever a user might have them. None of them may appear in any output or any file
// smtpcfg writes, except in the notificationSettings XML that the config asks to hold the secret
// (secret: env), which must be readable by its owner only.

const work = mkdtempSync(join(tmpdir(), "smtpcfg-hygiene-"));
const inputs = join(work, "inputs");
const SECRETS = {
  "client secret (env)": `Qx8Q~${randomBytes(27).toString("base64url")}`,
  "client secret (file)": `Rk9Q~${randomBytes(27).toString("base64url")}`,
  "access token": fakeAccessToken({
    tenantId: "2487abfa-47fc-4f60-8af4-2b857b17432c",
    clientId: "7a83471e-a8c7-4c06-8120-77b9aa56fa04",
    servicePrincipalObjectId: "9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f",
  }),
  "private key": "",
  // What someone sets when the variable holds the wrong value: a secret all the same.
  "wrong client secret": `Wr0~${randomBytes(27).toString("base64url")}`,
} satisfies Record<string, string>;
const envSecret = SECRETS["client secret (env)"];
const fileSecret = SECRETS["client secret (file)"];
const token = SECRETS["access token"];
const secretEnv = { CONTOSO_SMTP_SECRET: envSecret };
let cli: BundledCli;

/** The command line as a failure message shows it: each known secret by its name, so that no test log holds one. */
const shownArgv = (argv: string[]) =>
  argv.map((arg) => Object.entries(SECRETS).reduce((text, [name, secret]) => text.replaceAll(secret, `<${name}>`), arg)).join(" ");

function expectNoSecretIn(result: ProcessResult, argv: string[]): void {
  expect(secretsIn(result.stdout + result.stderr, SECRETS), `output of smtpcfg ${shownArgv(argv)}`).toEqual([]);
}

/** The options of a run: in `inputs`, with the secret's variable set, unless the test says otherwise; the code cache kept here too. */
const runOptions = (options: Omit<RunOptions, "cwd"> & { cwd?: string }): RunOptions => ({
  ...options,
  cwd: options.cwd ?? inputs,
  env: { SMTPCFG_CACHE_DIR: join(work, "cache"), ...(options.env ?? secretEnv) },
});

/** Runs the built CLI and searches its output. */
async function smtpcfg(argv: string[], options: Omit<RunOptions, "cwd"> & { cwd?: string } = {}): Promise<ProcessResult> {
  const result = await runBundledCli(cli, argv, runOptions(options));
  expectNoSecretIn(result, argv);
  return result;
}

const examples = join(import.meta.dirname, "../../../examples");
const example = (name: string) => readFileSync(join(examples, name), "utf8");
/** The example config, with contoso's prod notificationSettings asked to hold the secret. */
const CONFIG = example("smtpcfg.yaml").replace("secret: placeholder", "secret: env");
const ENV_REFERENCE = "{ env: CONTOSO_SMTP_SECRET }";
const CERTIFICATE = /certificate:\n\s+certificateFile: (\S+)\n\s+privateKeyFile: (\S+)/;
const [, CERTIFICATE_FILE, KEY_FILE] = CONFIG.match(CERTIFICATE) as [string, string, string];
const GUIDE_XML = example("broken/notificationSettings.xml");
const XML = example("notificationSettings.xml");

/** Files holding secrets where people put them by mistake: each is linted in every format. */
const planted = (key: string): Record<string, string> => ({
  // The Omada guide's malformed sample (attributes after the '>', fixable) with a real secret.
  "guide.notificationSettings.xml": GUIDE_XML.replace('clientSecret="xxx"', `clientSecret="${envSecret}"`),
  // An access token pasted where the client secret goes.
  "token.notificationSettings.xml": XML.replace("{{SMTP_CLIENT_SECRET}}", token),
  // The client id and the secret swapped, as people paste them: the secret is where an id belongs.
  "swapped.notificationSettings.xml": XML.replace("{{SMTP_CLIENT_SECRET}}", "7a83471e-a8c7-4c06-8120-77b9aa56fa04").replace(
    /clientId="[^"]*"/,
    `clientId="${envSecret}"`,
  ),
  // A secret in an attribute whose closing quote is missing.
  "unclosed.notificationSettings.xml": XML.replace('"{{SMTP_CLIENT_SECRET}}"', `"${fileSecret}`),
  "literal.smtpcfg.yaml": CONFIG.replace(ENV_REFERENCE, `"${envSecret}"`),
  // The secret pasted as the tenant's id, and a token as an app's client id.
  "misplaced.smtpcfg.yaml": CONFIG.replace(/tenantId: \S+/, `tenantId: "${fileSecret}"`).replace(/clientId: \S+/, `clientId: "${token}"`),
  // The secret pasted as the whole credential, and the private key as the certificate.
  "pasted.smtpcfg.yaml": CONFIG.replace(
    /credential:\n\s+clientSecret: \{ env: CONTOSO_SMTP_SECRET \}/,
    `credential: ${fileSecret}`,
  ).replace(CERTIFICATE, `certificate: |\n            ${key.trimEnd().replaceAll("\n", "\n            ")}`),
  // YAML that does not parse inside the secret, and a secret written where a key belongs.
  "unclosed.smtpcfg.yaml": CONFIG.replace(ENV_REFERENCE, `"${envSecret}`),
  "as-key.smtpcfg.yaml": CONFIG.replace(ENV_REFERENCE, `\n            ${fileSecret}: x`),
  "register.ps1": `$secret = ConvertTo-SecureString -String '${envSecret}' -AsPlainText -Force\nNew-ServicePrincipal -AppId 7a83471e-a8c7-4c06-8120-77b9aa56fa04 -ServiceId 9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f\n$token = "${token}\n`,
});

beforeAll(async () => {
  cli = buildBundledCli();
  const certificate = await makeCertificate([{ name: "commonName", value: "fabrikam notifications" }], {
    keySize: 2048,
    algorithm: "sha256",
  });
  SECRETS["private key"] = certificate.private;
  mkdirSync(join(inputs, "secrets"), { recursive: true });
  mkdirSync(join(inputs, "certs"));
  writeFileSync(join(inputs, "secrets/contoso.txt"), `${fileSecret}\n`, { mode: 0o600 });
  writeFileSync(join(inputs, CERTIFICATE_FILE), certificate.cert);
  writeFileSync(join(inputs, KEY_FILE), certificate.private, { mode: 0o600 });
  writeFileSync(join(inputs, "smtpcfg.yaml"), CONFIG);
  writeFileSync(join(inputs, "file-secret.smtpcfg.yaml"), CONFIG.replace(ENV_REFERENCE, "{ file: secrets/contoso.txt }"));
  // The certificate and its key swapped: the key is read where the certificate should be.
  const swapped = `certificate:\n            certificateFile: ${KEY_FILE}\n            privateKeyFile: ${CERTIFICATE_FILE}`;
  writeFileSync(join(inputs, "swapped.smtpcfg.yaml"), CONFIG.replace(CERTIFICATE, swapped));
  for (const [name, text] of Object.entries(planted(certificate.private))) writeFileSync(join(inputs, name), text);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file below `folder`, by path relative to the work folder. */
function filesBelow(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(work, join(entry.parentPath, entry.name)));
}

const PLANTED_FILES = [...Object.keys(planted("")), "secrets/contoso.txt", KEY_FILE].map((name) => join("inputs", name));

describe("secrets in the files smtpcfg reads", () => {
  it("are never shown by lint, in any format, with --verbose, or by its fix diff", async () => {
    const files = Object.keys(planted(""));
    for (const format of ["stylish", "compact", "json", "sarif", "github"]) {
      const result = await smtpcfg(["lint", ...files, "--format", format]);
      expect(result.code, result.stderr).toBe(1);
      // Every planted file was read and reported on: the search above had something to search.
      for (const file of files) expect(result.stdout).toContain(file);
    }
    expect((await smtpcfg(["lint", ...files, "--verbose"])).code).toBe(1);
    const dryRun = await smtpcfg(["lint", "guide.notificationSettings.xml", "--fix-dry-run"]);
    // The diff shows the lines around the secret, the secret hidden.
    expect(dryRun.stdout).toMatch(/^[ +-]clientSecret="‹secret hidden›"$/m);
    expect((await smtpcfg(["lint", "--config", "literal.smtpcfg.yaml", "token.notificationSettings.xml", "-f", "json"])).code).toBe(1);
  });

  it("are kept by lint --fix in the file that held them, and written nowhere else", async () => {
    const fixDir = join(work, "fix");
    mkdirSync(fixDir);
    for (const name of ["guide.notificationSettings.xml", "token.notificationSettings.xml"]) cpSync(join(inputs, name), join(fixDir, name));
    await smtpcfg(["lint", "--fix", "--verbose", "guide.notificationSettings.xml", "token.notificationSettings.xml"], { cwd: fixDir });
    const fixed = readFileSync(join(fixDir, "guide.notificationSettings.xml"), "utf8");
    expect(fixed).toContain(`clientSecret="${envSecret}"`);
    expect(fixed).not.toBe(readFileSync(join(inputs, "guide.notificationSettings.xml"), "utf8"));
    expect(readFileSync(join(fixDir, "token.notificationSettings.xml"), "utf8")).toContain(`clientSecret="${token}"`);
    expect(readdirSync(fixDir).sort()).toEqual(["guide.notificationSettings.xml", "token.notificationSettings.xml"]);
  });

  it("never reach the config that import prints", async () => {
    const imported = await smtpcfg(["import", "token.notificationSettings.xml"]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("env: CONTOSO_SMTP_SECRET");
    expect((await smtpcfg(["import", "guide.notificationSettings.xml", "--verbose"])).code).toBe(2);
  });
});

describe("generate", () => {
  it.each([
    ["smtpcfg.yaml", "generated", "client secret (env)"],
    ["file-secret.smtpcfg.yaml", "generated-from-file", "client secret (file)"],
  ])(
    "writes the secret of %s only into the notificationSettings XML of secret: env, readable by its owner only",
    async (config, out, secret) => {
      const result = await smtpcfg(["generate", "--config", config, "--out", `../${out}`, "--verbose"]);
      expect(result.code, result.stderr).toBe(0);
      const holding = Object.fromEntries(
        filesBelow(join(work, out)).map((file) => [relative(out, file), secretsIn(readFileSync(join(work, file), "latin1"), SECRETS)]),
      );
      expect(holding).toEqual({
        "contoso/01-entra-app.ps1": [],
        "contoso/02-exchange-online.ps1": [],
        "contoso/prod.notificationSettings.xml": [secret],
        "contoso/test.notificationSettings.xml": [],
        "fabrikam/01-entra-app.ps1": [],
        "fabrikam/02-exchange-online.ps1": [],
        "fabrikam/prod.notificationSettings.xml": [],
      });
      for (const [file, secrets] of Object.entries(holding))
        expect(statSync(join(work, out, file)).mode & 0o777, file).toBe(secrets.length > 0 ? 0o600 : 0o666 & ~process.umask());
      expect((await smtpcfg(["generate", "--config", config, "--out", `../${out}`, "--check"])).code).toBe(0);
    },
  );

  it("names a missing secret without showing the others", async () => {
    const result = await smtpcfg(["generate", "--out", "../generated-without-env"], { env: {} });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("CONTOSO_SMTP_SECRET");
  });

  it("reports a write the file system refuses in one line, without a secret, even with --verbose", async () => {
    const result = await smtpcfg(["generate", "--out", "../generated-full-disk", "--only", "omada", "--verbose"], { maxFileBlocks: 1 });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^smtpcfg: cannot write \.\.\/generated-full-disk\/[^\n]+ \(EFBIG\); nothing was written, nothing was removed\n$/,
    );
    expect(filesBelow(join(work, "generated-full-disk"))).toEqual([]);
  });
});

describe("explain", () => {
  it("explains codes, replies and rules, and never repeats a token pasted with a reply", async () => {
    expect((await smtpcfg(["explain", "AADSTS7000215"])).code).toBe(0);
    expect((await smtpcfg(["explain", "inline-secret", "--format", "json"])).code).toBe(0);
    // A transcript pasted as it was logged: the AUTH line carries the token, in base64.
    const auth = Buffer.from(`user=omada-notify@contoso.com\x01auth=Bearer ${token}\x01\x01`).toString("base64");
    for (const format of ["text", "json"]) {
      const pasted = await smtpcfg(["explain", `C: AUTH XOAUTH2 ${auth} S: 535 5.7.3 Authentication unsuccessful`, "--format", format]);
      expect(pasted.stdout).toContain("smtp-auth-failed");
      expect((await smtpcfg(["explain", `Authorization: Bearer ${token}`, "--format", format])).code).toBe(1);
      expect((await smtpcfg(["explain", envSecret, "--format", format, "--verbose"])).code).toBe(1);
    }
  });
});

interface Emulator {
  /** Its connection file, for verify --endpoints. */
  endpoints: string;
  caFile: string;
  /** Stops it (SIGTERM), searches its log, and checks it removed its connection file. */
  stop(): Promise<void>;
}

/** `smtpcfg emulate` of the config as a process, with these faults, once it serves. */
async function emulate(name: string, faults: string[] = []): Promise<Emulator> {
  const endpoints = join(work, `${name}.json`);
  const argv = [
    "emulate",
    "--connection-file",
    endpoints,
    "--outbox",
    join(work, `outbox-${name}`),
    ...faults.flatMap((fault) => ["--fault", fault]),
  ];
  const running = startBundledCli(cli, argv, runOptions({}));
  let ended: ProcessResult | undefined;
  void running.ended.then((result) => {
    ended = result;
  });
  while (!existsSync(endpoints)) {
    if (ended) throw new Error(`smtpcfg emulate ended before it served: ${ended.stderr}`);
    await sleep(50);
  }
  const { caFile } = JSON.parse(readFileSync(endpoints, "utf8")) as { caFile: string };
  return {
    endpoints,
    caFile,
    stop: async () => {
      const result = await running.stop();
      expectNoSecretIn(result, argv);
      expect(result.stderr).toMatch(/token tenant=/);
      expect(result.code, result.stderr).toBe(0);
      expect(existsSync(endpoints)).toBe(false);
    },
  };
}

const authorityOf = (emulator: Emulator) => (JSON.parse(readFileSync(emulator.endpoints, "utf8")) as { authority: string }).authority;

/** curl's output: a real client that sends what the test says, which smtpcfg would refuse to send. */
function curl(args: string[]): Promise<string> {
  return new Promise((resolve) => execFile("curl", ["--silent", "--max-time", "10", ...args], (_error, stdout) => resolve(stdout)));
}

/**
 * verify as on a terminal, where it redraws a live line per mailbox: in-process (the built CLI's
 * output is a pipe), from the sources the bundle is made of.
 */
async function verifyOnTerminal(argv: string[]): Promise<number> {
  const result = await runCli(["verify", ...argv], { cwd: inputs, env: secretEnv, tty: true });
  expectNoSecretIn({ ...result, signal: null }, ["verify", ...argv, "(on a terminal)"]);
  // The terminal's escape sequences: the live lines were drawn.
  expect(result.stdout).toContain("\u001b[");
  return result.code;
}

/** verify --format json: each mailbox's diagnosis id, "passed" when it passed. */
async function verifyOutcomes(argv: string[], options: Omit<RunOptions, "cwd"> = {}): Promise<Record<string, string>> {
  const result = await smtpcfg(["verify", ...argv, "--format", "json"], options);
  const report = JSON.parse(result.stdout) as VerifyReport;
  expect(result.code).toBe(report.passed ? 0 : 1);
  return Object.fromEntries(
    report.mailboxes.map((mailbox) => [mailbox.mailbox, mailbox.passed ? "passed" : (mailbox.diagnosis?.id ?? "?")]),
  );
}

describe("verify and emulate", () => {
  it("pass with the secret and the certificate, and fail on a wrong or missing secret, never showing either", async () => {
    const emulator = await emulate("clean");
    try {
      const send = ["--endpoints", emulator.endpoints, "--send", "--to", "helpdesk@contoso.com"];
      const stylish = await smtpcfg(["verify", ...send, "--verbose"]);
      expect(stylish.code, stylish.stdout).toBe(0);
      expect(stylish.stdout).toContain("235 2.7.0 Authentication successful");
      expect(await verifyOnTerminal(send)).toBe(0);
      expect(await verifyOutcomes(send)).toEqual({
        "omada-notify@contoso.com": "passed",
        "identity-team@contoso.com": "passed",
        "noreply@fabrikam.com": "passed",
      });
      const contoso = ["--endpoints", emulator.endpoints, "--tenant", "contoso"];
      const wrong = { CONTOSO_SMTP_SECRET: SECRETS["wrong client secret"] };
      expect(await verifyOutcomes(contoso, { env: wrong })).toEqual({
        "omada-notify@contoso.com": "invalid-client-secret",
        "identity-team@contoso.com": "invalid-client-secret",
      });
      expect((await smtpcfg(["verify", ...contoso, "--verbose"], { env: wrong })).code).toBe(1);
      const swapped = ["--config", "swapped.smtpcfg.yaml", "--endpoints", emulator.endpoints, "--tenant", "fabrikam"];
      expect(await verifyOutcomes(swapped)).toEqual({ "noreply@fabrikam.com": "credential-missing" });
      expect(await verifyOutcomes(contoso, { env: {} })).toEqual({
        "omada-notify@contoso.com": "credential-missing",
        "identity-team@contoso.com": "credential-missing",
      });
      // A client (Omada, curl) with the client id and the secret swapped, and the secret where the
      // tenant goes: the emulator answers as Entra does, and its log must show neither.
      const token = (tenant: string, clientId: string, secret: string) =>
        curl([
          "--cacert",
          emulator.caFile,
          `${authorityOf(emulator)}/${tenant}/oauth2/v2.0/token`,
          "--data-urlencode",
          `client_id=${clientId}`,
          "--data-urlencode",
          `client_secret=${secret}`,
          "--data",
          "grant_type=client_credentials",
          "--data-urlencode",
          "scope=https://outlook.office365.com/.default",
        ]);
      expect(await token("2487abfa-47fc-4f60-8af4-2b857b17432c", envSecret, "7a83471e-a8c7-4c06-8120-77b9aa56fa04")).toContain(
        "AADSTS700016",
      );
      expect(await token(envSecret, "7a83471e-a8c7-4c06-8120-77b9aa56fa04", envSecret)).toContain("AADSTS900023");
      // The emulator's own folder (its CA) goes when it stops: searched while it is there.
      for (const file of readdirSync(dirname(emulator.caFile)))
        expect(secretsIn(readFileSync(join(dirname(emulator.caFile), file), "latin1"), SECRETS), file).toEqual([]);
    } finally {
      await emulator.stop();
    }
  });

  it("emulate reports the file system refusing its files in one line, without a secret, even with --verbose", async () => {
    // Its temporary folders go to a folder of this test, to show that none is left behind.
    const temporary = join(work, "emulator-tmp");
    mkdirSync(temporary);
    const argv = ["emulate", "--connection-file", "../emulator-full-disk.json", "--verbose"];
    const result = await smtpcfg(argv, { maxFileBlocks: 0, env: { ...secretEnv, TMPDIR: temporary } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^smtpcfg: cannot write[^\n]*: larger than the file size limit allows \(EFBIG\)\n$/);
    expect(existsSync(join(work, "emulator-full-disk.json"))).toBe(false);
    expect(readdirSync(temporary)).toEqual([]);
  });

  it.each([
    [
      "a token without consent, SMTP AUTH off for a mailbox, a mailbox too slow to answer",
      ["consent-missing:notifications", "smtp-auth-disabled-mailbox:omada-notify@contoso.com", "latency:3000:identity-team@contoso.com"],
      {
        "omada-notify@contoso.com": "smtp-auth-disabled-mailbox",
        "identity-team@contoso.com": "timeout",
        "noreply@fabrikam.com": "consent-missing",
      },
    ],
    [
      "an SMTP server without STARTTLS, a token endpoint that is down",
      ["no-starttls", "token-endpoint-down:notifications"],
      {
        "omada-notify@contoso.com": "starttls-missing",
        "identity-team@contoso.com": "starttls-missing",
        "noreply@fabrikam.com": "token-endpoint-unreachable",
      },
    ],
  ])("fail on %s without showing the secret, the key or a token", async (_name, faults, outcomes) => {
    const emulator = await emulate(faults[0]?.split(":")[0] ?? "faults", faults);
    try {
      const args = ["--endpoints", emulator.endpoints, "--timeout", "1", "--send", "--to", "helpdesk@contoso.com"];
      expect(await verifyOutcomes(args)).toEqual(outcomes);
      expect((await smtpcfg(["verify", ...args, "--verbose"])).code).toBe(1);
      expect(await verifyOnTerminal([...args, "--verbose"])).toBe(1);
    } finally {
      await emulator.stop();
    }
  });
});

// Runs last (tests of a file run in order): the files of all the runs above.
it("leaves no secret in any file it wrote, apart from the XML asked to hold it and files repaired in place", () => {
  // The files the test planted, the XML files generate was asked to put the secret in, and the
  // files lint --fix repaired in place (they held their secrets before) are the only ones allowed.
  const allowed = new Set([
    ...PLANTED_FILES,
    "generated/contoso/prod.notificationSettings.xml",
    "generated-from-file/contoso/prod.notificationSettings.xml",
    "fix/guide.notificationSettings.xml",
    "fix/token.notificationSettings.xml",
  ]);
  const leaking = filesBelow(work)
    .filter((file) => !allowed.has(file))
    .filter((file) => secretsIn(readFileSync(join(work, file), "latin1"), SECRETS).length > 0);
  expect(leaking).toEqual([]);
});
