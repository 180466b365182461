// Bundles the CLI with core and its dependencies into dist/: one file to load is the cheapest
// start-up Node offers, and the packed CLI installs without fetching anything.
import { cpSync, rmSync } from "node:fs";
import { build } from "esbuild";

/**
 * yargs lays out its help text before running any command, with string-width, whose module body
 * builds an Intl.Segmenter and a \p{RGI_Emoji} regular expression: about 80 ms of every start-up.
 * This plugin puts each string-width behind a function that answers printable ASCII itself (one
 * column per character, exactly what string-width returns for it) and loads the real module only
 * for other text (esbuild evaluates a require()d ES module lazily, on first call).
 */
const lazyStringWidth = {
  name: "lazy-string-width",
  setup(build) {
    build.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const real = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: { real: true } });
      return { path: real.path, namespace: "lazy-string-width" };
    });
    build.onLoad({ filter: /.*/, namespace: "lazy-string-width" }, (args) => ({
      contents: [
        "let real;",
        "export default function stringWidth(text, options) {",
        "  if (typeof text === 'string' && /^[\\x20-\\x7e]*$/.test(text)) return text.length;",
        `  real ??= require(${JSON.stringify(args.path)}).default;`,
        "  return real(text, options);",
        "}",
      ].join("\n"),
      resolveDir: "/",
    }));
  },
};

rmSync("dist", { recursive: true, force: true });
const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  conditions: ["source"],
  legalComments: "linked",
  logLevel: "warning",
};
// CommonJS, so that the launcher can run it through V8's code cache (vm.Script runs scripts, not
// ES modules). ES module dependencies that ask for import.meta.url get the bundle's own URL.
await build({
  ...common,
  entryPoints: ["src/main.ts"],
  outfile: "dist/cli.cjs",
  sourcemap: "linked",
  plugins: [lazyStringWidth],
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
});
await build({ ...common, entryPoints: ["src/launcher.ts"], outfile: "dist/launcher.cjs" });
cpSync("../../schemas", "schemas", { recursive: true });
