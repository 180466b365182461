// The README's first command: what smtpcfg does, on the bundled examples, with the real CLI.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startEmulate } from "./emulate-process.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "packages/cli/bin/smtpcfg.cjs");

const heading = (command, title) => process.stdout.write(`\n\u001b[1m$ ${command}\u001b[22m   # ${title}\n`);

function step(title, args, expectedExit, options = { cwd: root }) {
  heading(`smtpcfg ${args.join(" ")}`, title);
  const result = spawnSync(process.execPath, [cli, ...args], { ...options, stdio: "inherit" });
  if (result.status !== expectedExit) {
    console.error(`demo: expected exit code ${expectedExit}, got ${result.status ?? result.signal}`);
    process.exit(1);
  }
  process.stdout.write(`(exit code ${result.status})\n`);
}

step("a realistic two-tenant configuration: clean", ["lint", "examples/smtpcfg.yaml"], 0);
step("the same with the mistakes people make: every one found, with its position", ["lint", "examples/broken/smtpcfg.yaml"], 1);
step("the same findings as GitHub Actions annotations", ["lint", "examples/broken/smtpcfg.yaml", "--format", "github", "--quiet"], 1);
step(
  "the sample of Omada's own guide: a broken declaration, attributes written as text, no TLS mode",
  ["lint", "examples/broken/notificationSettings.xml"],
  1,
);
step("what --fix would repair, as a diff (nothing is written)", ["lint", "examples/broken/notificationSettings.xml", "--fix-dry-run"], 0);
step(
  "a hand-written Exchange Online script, checked against the config's object ids and mailboxes",
  ["lint", "examples/broken/exchange-online.ps1", "--config", "examples/smtpcfg.yaml"],
  1,
);
const out = mkdtempSync(join(tmpdir(), "smtpcfg-demo-"));
try {
  step("the scripts and Omada XML for every tenant, from the config", ["generate", "--config", "examples/smtpcfg.yaml", "--out", out], 0);
  step("what was generated lints clean", ["lint", out, "--config", "examples/smtpcfg.yaml"], 0);
  step("in CI: are the generated files current?", ["generate", "--config", "examples/smtpcfg.yaml", "--out", out, "--check"], 0);
} finally {
  rmSync(out, { recursive: true, force: true });
}

/**
 * A folder with the example config and the certificate and key it names for fabrikam's app, made
 * now with the emulator's helper (the same files serve verify and the emulator).
 */
async function exampleWorkspace(dir) {
  copyFileSync(join(root, "examples/smtpcfg.yaml"), join(dir, "smtpcfg.yaml"));
  const { createCertificateCredential } = await import(pathToFileURL(join(root, "packages/emulator/dist/index.js")).href);
  const { certificatePem, privateKeyPem } = await createCertificateCredential({ commonName: "fabrikam-notifications" });
  mkdirSync(join(dir, "certs"));
  writeFileSync(join(dir, "certs/fabrikam-notifications.crt"), certificatePem);
  writeFileSync(join(dir, "certs/fabrikam-notifications.key"), privateKeyPem, { mode: 0o600 });
}

// verify, against the emulator: a local Entra ID token endpoint and Exchange Online SMTP server for
// the example's tenants, as they are after the generated scripts ran. The client secret is one for
// the demo, given to both, as a CI job would give the real one.
const work = mkdtempSync(join(tmpdir(), "smtpcfg-demo-verify-"));
const env = { ...process.env, CONTOSO_SMTP_SECRET: "demo-only~Qx7.secret_value-0123456789abcd" };
const inWork = { cwd: work, env };
async function emulate(args, title) {
  heading(`smtpcfg emulate ${args.join(" ")} &`, title);
  const emulator = await startEmulate(cli, work, env, args);
  process.stdout.write(emulator.output().replace(/^(?=.)/gm, "  "));
  return emulator;
}
try {
  await exampleWorkspace(work);
  process.stdout.write(`\n(in ${work}: examples/smtpcfg.yaml, and a certificate made for fabrikam's app)\n`);
  let emulator = await emulate(["--outbox", "outbox"], "Entra ID and Exchange Online for the example's tenants, on 127.0.0.1");
  try {
    step(
      "every mailbox: credential, token, claims, STARTTLS, AUTH XOAUTH2, and a test message",
      ["verify", "--endpoints", emulator.connectionFile, "--send", "--to", "helpdesk@contoso.com"],
      0,
      inWork,
    );
  } finally {
    await emulator.stop();
  }
  const [first] = readdirSync(join(work, "outbox")).sort();
  heading(`cat outbox/${first}`, "a message the emulator received");
  process.stdout.write(readFileSync(join(work, "outbox", first), "utf8"));
  emulator = await emulate(
    ["--fault", "wrong-sp-object-id:omada-smtp"],
    "again, as if New-ServicePrincipal had been given the App registration's object id",
  );
  try {
    step(
      "verify names the cause and the fix, with the real object id, before Exchange answers a bare 535 5.7.3",
      ["verify", "--endpoints", emulator.connectionFile, "--mailbox", "omada-notify@contoso.com"],
      1,
      inWork,
    );
  } finally {
    await emulator.stop();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write("\nDemo finished: see README.md for the commands, docs/ for every rule and command.\n");
