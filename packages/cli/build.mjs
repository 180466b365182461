// Bundles the CLI with core and its dependencies into dist/: one file to load is the cheapest
// start-up Node offers, and the packed CLI installs without fetching anything.
import { cpSync, rmSync } from "node:fs";
import { build } from "esbuild";

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: ["src/main.ts"],
  outfile: "dist/cli.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  conditions: ["source"],
  legalComments: "linked",
  sourcemap: "linked",
  logLevel: "warning",
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: 'import { createRequire as __smtpcfgRequire } from "node:module"; const require = __smtpcfgRequire(import.meta.url);' },
});
cpSync("../../schemas", "schemas", { recursive: true });
