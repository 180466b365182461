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
  // A secret in an attribute whose closing quote is missing.
  "unclosed.notificationSettings.xml": XML.replace('"{{SMTP_CLIENT_SECRET}}"', `"${fileSecret}`),
  "literal.smtpcfg.yaml": CONFIG.replace(ENV_REFERENCE, `"${envSecret}"`),
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
  cli = buildCli();
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
  for (const [name, text] of Object.entries(planted(certificate.private))) writeFileSync(join(inputs, name), text);
});

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
    "generated-from-file/contoso/prod.notificationSettings.xml",
    "fix/guide.notificationSettings.xml",
    "fix/token.notificationSettings.xml",
  ]);
  const leaking = filesBelow(work)
    .filter((file) => !allowed.has(file))
    .filter((file) => secretsIn(readFileSync(join(work, file), "latin1"), SECRETS).length > 0);
  expect(leaking).toEqual([]);
  expect(runs.length).toBeGreaterThan(0);
});
