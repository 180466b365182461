// The README's first command: what smtpcfg does, on the bundled examples, with the real CLI.
import { spawnSync } from "node:child_process";
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
process.stdout.write("\nDemo finished: see README.md for the commands, docs/ for every rule.\n");
