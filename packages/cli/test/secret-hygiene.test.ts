import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { generate as makeCertificate } from "selfsigned";
import { beforeAll, describe, expect, it } from "vitest";
import { type BuiltCli, buildCli, type ProcessResult } from "./built-cli.js";
import { fakeAccessToken } from "./hostile/fake-token.js";
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
} satisfies Record<string, string>;
const envSecret = SECRETS["client secret (env)"];
const fileSecret = SECRETS["client secret (file)"];
const token = SECRETS["access token"];
const env = { CONTOSO_SMTP_SECRET: envSecret, SMTPCFG_CACHE_DIR: join(work, "cache") };
let cli: BuiltCli;
const runs: { argv: string[]; result: ProcessResult }[] = [];

/** Runs the built CLI in `inputs` (or `cwd`), keeping every result for the search at the end. */
async function smtpcfg(argv: string[], options: { cwd?: string; maxFileBlocks?: number } = {}): Promise<ProcessResult> {
  const result = await cli.run(argv, { cwd: options.cwd ?? inputs, env, ...options });
  runs.push({ argv, result });
  expect(secretsIn(result.stdout + result.stderr, SECRETS), `output of smtpcfg ${argv.join(" ")}`).toEqual([]);
  return result;
}

const CONFIG = `version: 1
tenants:
  - name: contoso
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
    apps:
      - name: omada-smtp
        clientId: 7a83471e-a8c7-4c06-8120-77b9aa56fa04
        servicePrincipalObjectId: 9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f
        credential:
          clientSecret: { env: CONTOSO_SMTP_SECRET }
          expires: 2099-05-31
      - name: reports
        clientId: 1c0e6b1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b
        servicePrincipalObjectId: 6d5c4b3a-2e1f-4a0b-9c8d-7e6f5a4b3c2d
        credential:
          clientSecret: { file: secrets/reports.txt }
          expires: 2099-05-31
    mailboxes:
      - address: omada-notify@contoso.com
        app: omada-smtp
        access: [FullAccess, SendAs]
      - address: reports@contoso.com
        app: reports
    omada:
      - name: prod
        mailbox: omada-notify@contoso.com
        secret: env
      - name: reports
        mailbox: reports@contoso.com
        secret: env
      - name: test
        mailbox: omada-notify@contoso.com
  - name: fabrikam
    tenantId: fabrikam.onmicrosoft.com
    apps:
      - name: notifications
        clientId: 5d2c9a41-0f3e-4b7a-9c1d-2e8f6a4b3c7d
        servicePrincipalObjectId: 0c4e8f2a-6b1d-4e3f-a5c7-9d8b2e1f4a6c
        credential:
          certificate: { certificateFile: certs/fabrikam.crt, privateKeyFile: certs/fabrikam.key }
          expires: 2099-01-15
    mailboxes:
      - address: noreply@fabrikam.com
        app: notifications
    omada:
      - name: prod
        mailbox: noreply@fabrikam.com
`;

const notificationSettings = (credentials: string) => `<?xml version="1.0" encoding="utf-8"?>
<notificationSettings xmlns="http://schemas.omada.net/ois/2022/NotificationSettingsML">
  <smtp>
    <network host="smtp.office365.com" port="587" secureSocketOptions="StartTlsWhenAvailable">
      ${credentials}
    </network>
  </smtp>
</notificationSettings>
`;
const credentials = (secret: string) =>
  `<azureAdClientCredentials instance="https://login.microsoftonline.com" clientId="7a83471e-a8c7-4c06-8120-77b9aa56fa04" clientSecret="${secret}" tenantId="2487abfa-47fc-4f60-8af4-2b857b17432c" userName="omada-notify@contoso.com" scopes="https://outlook.office365.com/.default" />`;
const indent = (text: string, by: string) => text.trimEnd().replaceAll("\n", `\n${by}`);

/** Files holding secrets where people put them by mistake: each is linted in every format. */
const planted = (key: string): Record<string, string> => ({
  // The Omada guide's malformed sample, attributes after the '>' (fixable), with a real secret.
  "guide.notificationSettings.xml": notificationSettings(
    `<azureAdClientCredentials>\ninstance="https://login.microsoftonline.com"\nclientId="7a83471e-a8c7-4c06-8120-77b9aa56fa04"\nclientSecret="${envSecret}"\ntenantId="2487abfa-47fc-4f60-8af4-2b857b17432c"\n/>`,
  ).replace("?>", ">"),
  // An access token pasted where the client secret goes.
  "token.notificationSettings.xml": notificationSettings(credentials(token)),
  // A secret in an attribute whose closing quote is missing.
  "unclosed.notificationSettings.xml": notificationSettings(credentials(fileSecret).replace(`${fileSecret}"`, fileSecret)),
  "literal.smtpcfg.yaml": CONFIG.replace("{ env: CONTOSO_SMTP_SECRET }", `"${envSecret}"`).replace("{ file: secrets/reports.txt }", token),
  // The secret pasted as the whole credential, and the private key as the certificate.
  "pasted.smtpcfg.yaml": CONFIG.replace(
    /credential:\n {10}clientSecret: \{ env: CONTOSO_SMTP_SECRET \}\n {10}expires: 2099-05-31/,
    `credential: ${fileSecret}`,
  ).replace("{ certificateFile: certs/fabrikam.crt, privateKeyFile: certs/fabrikam.key }", `|\n            ${indent(key, "            ")}`),
  // YAML that does not parse inside the secret, and a secret written where a key belongs.
  "unclosed.smtpcfg.yaml": CONFIG.replace("{ env: CONTOSO_SMTP_SECRET }", `"${envSecret}`),
  "as-key.smtpcfg.yaml": CONFIG.replace("{ env: CONTOSO_SMTP_SECRET }", `\n            ${fileSecret}: x`),
  "register.ps1": `$secret = ConvertTo-SecureString -String '${envSecret}' -AsPlainText -Force\nNew-ServicePrincipal -AppId 7a83471e-a8c7-4c06-8120-77b9aa56fa04 -ServiceId 9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f\n$token = "${token}\n`,
});

beforeAll(async () => {
  cli = buildCli();
  const certificate = await makeCertificate([{ name: "commonName", value: "fabrikam notifications" }], {
    keySize: 2048,
    algorithm: "sha256",
  });
  SECRETS["private key"] = certificate.private;
  mkdirSync(join(inputs, "secrets"), { recursive: true });
  mkdirSync(join(inputs, "certs"));
  writeFileSync(join(inputs, "secrets/reports.txt"), `${fileSecret}\n`, { mode: 0o600 });
  writeFileSync(join(inputs, "certs/fabrikam.crt"), certificate.cert);
  writeFileSync(join(inputs, "certs/fabrikam.key"), certificate.private, { mode: 0o600 });
  writeFileSync(join(inputs, "smtpcfg.yaml"), CONFIG);
  for (const [name, text] of Object.entries(planted(certificate.private))) writeFileSync(join(inputs, name), text);
});

/** Every file below `folder`, by path relative to the work folder. */
function filesBelow(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(work, join(entry.parentPath, entry.name)));
}

const PLANTED_FILES = [...Object.keys(planted("")), "secrets/reports.txt", "certs/fabrikam.key"].map((name) => join("inputs", name));

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
    expect(dryRun.stdout).toMatch(/^\+.*attributes|‹secret hidden›/m);
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
  it("writes the secret only into the notificationSettings XML of entries with secret: env, readable by its owner only", async () => {
    const result = await smtpcfg(["generate", "--out", "../generated", "--verbose"]);
    expect(result.code, result.stderr).toBe(0);
    const holding = Object.fromEntries(
      filesBelow(join(work, "generated")).map((file) => [file, secretsIn(readFileSync(join(work, file), "latin1"), SECRETS)]),
    );
    expect(holding).toEqual({
      "generated/contoso/01-entra-app.ps1": [],
      "generated/contoso/02-exchange-online.ps1": [],
      "generated/contoso/prod.notificationSettings.xml": ["client secret (env)"],
      "generated/contoso/reports.notificationSettings.xml": ["client secret (file)"],
      "generated/contoso/test.notificationSettings.xml": [],
      "generated/fabrikam/01-entra-app.ps1": [],
      "generated/fabrikam/02-exchange-online.ps1": [],
      "generated/fabrikam/prod.notificationSettings.xml": [],
    });
    for (const [file, secrets] of Object.entries(holding))
      expect(statSync(join(work, file)).mode & 0o777, file).toBe(secrets.length > 0 ? 0o600 : 0o644 & ~process.umask());
    expect((await smtpcfg(["generate", "--out", "../generated", "--check"])).code).toBe(0);
  });

  it("names a missing secret without showing the others", async () => {
    const result = await cli.run(["generate", "--out", "../generated-without-env"], {
      cwd: inputs,
      env: { SMTPCFG_CACHE_DIR: env.SMTPCFG_CACHE_DIR },
    });
    runs.push({ argv: ["generate (CONTOSO_SMTP_SECRET unset)"], result });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("CONTOSO_SMTP_SECRET");
    expect(secretsIn(result.stdout + result.stderr, SECRETS)).toEqual([]);
  });

  it("reports an internal error (the file system refuses the write) without a secret, stack and all", async () => {
    const result = await smtpcfg(["generate", "--out", "../generated-full-disk", "--only", "omada", "--verbose"], { maxFileBlocks: 1 });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^smtpcfg: internal error: EFBIG[^\n]*\n.*\n\s+at /);
    expect(filesBelow(join(work, "generated-full-disk"))).toEqual([]);
  });
});

// Runs last (tests of a file run in order): the files of all the runs above.
it("leaves no secret in any file it wrote, apart from the XML asked to hold it and files repaired in place", () => {
  // The files the test planted, the XML files generate was asked to put the secret in, and the
  // files lint --fix repaired in place (they held their secrets before) are the only ones allowed.
  const allowed = new Set([
    ...PLANTED_FILES,
    "generated/contoso/prod.notificationSettings.xml",
    "generated/contoso/reports.notificationSettings.xml",
    "fix/guide.notificationSettings.xml",
    "fix/token.notificationSettings.xml",
  ]);
  const leaking = filesBelow(work)
    .filter((file) => !allowed.has(file))
    .filter((file) => secretsIn(readFileSync(join(work, file), "latin1"), SECRETS).length > 0);
  expect(leaking).toEqual([]);
  expect(runs.length).toBeGreaterThan(0);
});
