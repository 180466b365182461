// The README's first command: what smtpcfg does, on the bundled examples, with the real CLI.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "packages/cli/bin/smtpcfg.cjs");

function step(title, args, expectedExit) {
  process.stdout.write(`\n\u001b[1m$ smtpcfg ${args.join(" ")}\u001b[22m   # ${title}\n`);
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: "inherit" });
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
process.stdout.write("\nDemo finished: see README.md for the commands, docs/ for every rule.\n");
