// Bundles the CLI with core and its dependencies into dist/: one file to load is the cheapest
// start-up Node offers, and the packed CLI installs without fetching anything.
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

/**
 * A plugin that puts modules matching `filter` behind a stand-in: `contents(path, names)` returns
 * the stand-in's source, which requires the real module (`path`, relative to this folder, so that
 * no absolute path of the build machine ends up in the bundle) when it is first needed. esbuild
 * evaluates a require()d module lazily, on its first require.
 */
function standIn(name, filter, contents) {
  return {
    name,
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        if (args.pluginData?.real) return undefined;
        const real = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: { real: true } });
        if (real.errors.length > 0) return { errors: real.errors };
        return { path: `./${relative(process.cwd(), real.path).split(sep).join("/")}`, namespace: name, pluginData: { real: real.path } };
      });
      build.onLoad({ filter: /.*/, namespace: name }, async (args) => ({
        contents: (await contents(args.path, args.pluginData.real)).join("\n"),
        loader: "js",
        resolveDir: process.cwd(),
      }));
    },
  };
}

/**
 * yargs lays out its help text before running any command, with string-width, whose module body
 * builds an Intl.Segmenter and a \p{RGI_Emoji} regular expression: about 80 ms of every start-up.
 * This plugin puts each string-width behind a function that answers printable ASCII itself (one
 * column per character, exactly what string-width returns for it) and loads the real module only
 * for other text.
 */
const lazyStringWidth = standIn("lazy-string-width", /^string-width$/, (path) => [
  "let real;",
  "export default function stringWidth(text, options) {",
  "  if (typeof text === 'string' && /^[\\x20-\\x7e]*$/.test(text)) return text.length;",
  `  real ??= require(${JSON.stringify(path)}).default;`,
  "  return real(text, options);",
  "}",
]);

/**
 * Modules that a plain `smtpcfg lint` of a config never runs: `yaml` (core's config/block-yaml.ts
 * reads configs in plain block style; yaml parses only the files it declines), and what XML,
 * PowerShell and `--fix-dry-run` need. Their module bodies are not evaluated on every start: each
 * is replaced by a stand-in with one property per export, a getter that loads the module on first
 * use (esbuild's interop reads imported names through such getters, so importing a name loads
 * nothing until the name is used).
 */
const LAZY_MODULES = ["yaml", "web-tree-sitter", "saxes", "diff"];
const lazyModules = standIn("lazy-module", new RegExp(`^(${LAZY_MODULES.join("|")})$`), async (path, real) => {
  const names = Object.keys(await import(pathToFileURL(real).href)).filter((name) => name !== "default");
  return [
    "let real;",
    `const load = () => (real ??= require(${JSON.stringify(path)}));`,
    `for (const name of ${JSON.stringify(names)}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });`,
  ];
});

/**
 * The bundle in ASCII. The launcher reads an ASCII bundle as Latin-1, a plain copy, where UTF-8
 * would have to be decoded into a string of twice the size: several milliseconds for a megabyte
 * on Node 20, on every start. esbuild escapes non-ASCII characters in strings and names, but not in
 * regular expression literals, where \uXXXX means the same character; in a raw template literal it
 * would not. So characters are escaped only when each stands between two slashes on a line without
 * a backtick; otherwise the bundle is left as it is (and the launcher decodes it as UTF-8).
 */
function escapeNonAscii(code, file) {
  const lines = code.split("\n");
  const inRegExp = (line) =>
    !line.includes("`") &&
    [...line.matchAll(/[\u0080-\uffff]/g)].every(({ index }) => line.lastIndexOf("/", index) !== -1 && line.indexOf("/", index) !== -1);
  const suspect = lines.filter((line) => /[\u0080-\uffff]/.test(line) && !inRegExp(line));
  if (suspect.length > 0) {
    console.warn(
      `${file}: non-ASCII text outside regular expressions, left as it is (the CLI starts a little slower):\n${suspect[0].trim().slice(0, 200)}`,
    );
    return code;
  }
  return code.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * The launcher runs the bundle as a vm.Script, to use V8's code cache, and a vm.Script has no loader
 * for import() on Node 20 (not without --experimental-vm-modules). Dependencies import some of
 * Node's own modules that way (web-tree-sitter: "module", "fs/promises"); those imports are
 * answered with require(), through a helper that keeps the bundle's own require out of reach of a
 * dependency's local `var require`.
 */
function requireBuiltinImports(code, file) {
  const rewritten = code.replace(/(?<![\w$.])import\((["'])(node:)?([\w/]+)\1\)/g, (match, quote, prefix, name) =>
    builtinModules.includes(name) ? `Promise.resolve().then(() => __importBuiltin(${quote}${prefix ?? ""}${name}${quote}))` : match,
  );
  const left = rewritten.match(/(?<![\w$.])import\(/g)?.length ?? 0;
  if (left > 0) console.warn(`${file}: ${left} dynamic import() left, which fails when the launcher runs the bundle`);
  return rewritten;
}

function finishBundle(file) {
  writeFileSync(file, escapeNonAscii(requireBuiltinImports(readFileSync(file, "utf8"), file), file));
}

// `node build.mjs --outdir DIR` builds into DIR instead of dist/ (the bundle test builds a private copy).
const outdirAt = process.argv.indexOf("--outdir");
const outdir = outdirAt === -1 ? "dist" : process.argv[outdirAt + 1];
if (!outdir) throw new Error("usage: node build.mjs [--outdir DIR]");
rmSync(outdir, { recursive: true, force: true });
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
  // src/entry.ts: a plain lint without yargs; main.ts (and yargs) are loaded for everything else.
  entryPoints: ["src/entry.ts"],
  outfile: `${outdir}/cli.cjs`,
  sourcemap: "linked",
  plugins: [lazyStringWidth, lazyModules],
  define: { "import.meta.url": "__bundleUrl" },
  banner: {
    js: [
      'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;',
      "const __importBuiltin = (name) => { const exports = require(name); return { ...exports, default: exports }; };",
    ].join("\n"),
  },
});
finishBundle(`${outdir}/cli.cjs`);
await build({ ...common, entryPoints: ["src/launcher.ts"], outfile: `${outdir}/launcher.cjs` });
// The WebAssembly files of the PowerShell parser, next to the bundle where core's
// powershell/grammar.ts looks for them first (there is no node_modules in the packed CLI).
const fromCore = createRequire(new URL("../core/package.json", import.meta.url));
for (const wasm of ["web-tree-sitter/web-tree-sitter.wasm", "tree-sitter-powershell/tree-sitter-powershell.wasm"]) {
  cpSync(fromCore.resolve(wasm), `${outdir}/${wasm.split("/").pop()}`);
}
cpSync("../../schemas", "schemas", { recursive: true });
