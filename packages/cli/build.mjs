// Bundles the CLI with core and its dependencies into dist/: one file to load is the cheapest
// start-up Node offers, and the packed CLI installs without fetching anything.
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

/**
 * A plugin that puts modules matching `filter` behind a stand-in: `contents(path, real, specifier)`
 * returns the stand-in's source, which loads the real module (`path`: relative to this folder, so
 * that no absolute path of the build machine ends up in the bundle; `real`: absolute; `specifier`:
 * as imported) when it is first needed.
 */
function standIn(name, filter, contents) {
  return {
    name,
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        if (args.pluginData?.real) return undefined;
        const real = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: { real: true } });
        if (real.errors.length > 0) return { errors: real.errors };
        // One of Node's own modules stays outside the bundle, required by its name.
        if (real.external)
          return { path: args.path, namespace: name, pluginData: { real: args.path, specifier: args.path, path: args.path } };
        const path = `./${relative(process.cwd(), real.path).split(sep).join("/")}`;
        // The stand-in's own name has no extension: esbuild reads its syntax, not a .mjs, to tell CommonJS from ESM.
        return { path: `${path}:stand-in`, namespace: name, pluginData: { real: real.path, specifier: args.path, path } };
      });
      build.onLoad({ filter: /.*/, namespace: name }, async (args) => ({
        contents: (await contents(args.pluginData.path, args.pluginData.real, args.pluginData.specifier)).join("\n"),
        loader: "js",
        resolveDir: process.cwd(),
        // The stand-in's own require of the real module is resolved as usual.
        pluginData: { real: true },
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
 * Packages that a plain `smtpcfg lint` of a config never runs, each bundled on its own into a chunk
 * (dist/chunk-<name>.cjs) that is loaded on first use: `yaml` (core's config/block-yaml.ts reads
 * configs in plain block style; yaml parses only the files it declines), yargs (src/entry.ts runs a
 * plain lint without it), what XML, PowerShell and `--fix-dry-run` need, and verify's network code
 * (msal-node, nodemailer: core's node-network entry) and `emulate`'s (the emulator package with
 * smtp-server, jose and selfsigned: chunk-emulator.cjs). They are more than half
 * of the code: kept out of the main bundle, they cost a plain lint neither reading nor V8's code
 * cache (which holds an entry for every function of the script it caches, called or not). The
 * launcher loads chunks through the code cache too. In the main bundle each package is a stand-in
 * with one property per export, a getter that loads the chunk (esbuild's interop reads imported
 * names through such getters, so importing a name loads nothing until the name is used).
 */
const CHUNKS = ["yaml", "yargs", "web-tree-sitter", "saxes", "diff", "@smtpcfg/core/node-network", "@smtpcfg/emulator"];
/** A chunk's name: the last part of its specifier (core's network code, msal-node and nodemailer, is chunk-node-network.cjs). */
const chunkName = (specifier) => specifier.split("/").pop();
const chunkEntries = new Map();
const lazyChunks = standIn("chunk", new RegExp(`^(${CHUNKS.join("|")})$`), async (_, real, specifier) => {
  const chunk = chunkName(specifier);
  chunkEntries.set(chunk, real);
  // A workspace module is TypeScript, which Node cannot import here: esbuild names its exports.
  const namespace = real.endsWith(".ts")
    ? Object.fromEntries((await moduleExports(real)).map((name) => [name, undefined]))
    : await import(pathToFileURL(real).href);
  const names = Object.keys(namespace).filter((name) => name !== "__esModule");
  return [
    "let real;",
    `const load = () => (real ??= __loadChunk(${JSON.stringify(chunk)}));`,
    // A default export that is a function (yargs) is called through the stand-in itself: an importer
    // in Node's mode (a "type": "module" package) takes the whole stand-in as the default.
    typeof namespace.default === "function" ? "module.exports = function (...args) { return load().default.apply(this, args); };" : "",
    'Object.defineProperty(module.exports, "__esModule", { value: true });',
    // A CommonJS package's default export is its exports object.
    `for (const name of ${JSON.stringify(names)}) Object.defineProperty(module.exports, name, { enumerable: true, get: () => (name === "default" && !load().__esModule ? load() : load()[name]) });`,
  ];
});

/**
 * Node's modules that a plain lint does not need and that take Node milliseconds to load:
 * node:crypto (generate's header hashes), node:module and node:v8 (the PowerShell parser; node:v8
 * loads Node's streams), node:os (the count of cores, for a lint of many files). The same kind of
 * stand-in requires them on first use.
 */
const LAZY_BUILTINS = ["node:crypto", "node:module", "node:os", "node:v8"];
const lazyBuiltins = standIn("lazy-builtin", new RegExp(`^(${LAZY_BUILTINS.join("|")})$`), async (_, real) => {
  const names = Object.keys(await import(real)).filter((name) => name !== "default");
  return [
    "let real;",
    `const load = () => (real ??= require(${JSON.stringify(real)}));`,
    `for (const name of ${JSON.stringify(names)}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });`,
  ];
});

/** The names a module exports, as esbuild reads them (TypeScript too). */
async function moduleExports(path) {
  const { metafile } = await build({ entryPoints: [path], format: "esm", write: false, metafile: true, logLevel: "silent" });
  return Object.values(metafile.outputs).flatMap((output) => output.exports);
}

/**
 * Parts of core that a lint of a config never runs, whose modules still cost every start their
 * initialisation (regular expressions with Unicode properties, tables): the PowerShell and XML
 * parsers (the generators, the knowledge base and verify are in the commands chunk below). Imported
 * from elsewhere, each becomes a stand-in like the chunks', whose getters initialise the module on
 * first use; the module stays in the main bundle.
 */
const LAZY_CORE_MODULES = /\/(powershell\/parse|xml\/parse)\.js$/;
const lazyCoreModules = standIn("lazy-core", LAZY_CORE_MODULES, async (path, real) => {
  const names = await moduleExports(real);
  return [
    "let real;",
    `const load = () => (real ??= require(${JSON.stringify(path)}));`,
    'Object.defineProperty(module.exports, "__esModule", { value: true });',
    `for (const name of ${JSON.stringify(names)}) Object.defineProperty(module.exports, name, { enumerable: true, get: () => load()[name] });`,
  ];
});

/**
 * Code a lint of a config does not run, in chunks of its own (dist/chunk-<name>.cjs), by the path
 * of its module (relative to this folder): `commands`, what only other commands than lint run (the
 * commands verify, explain, emulate, generate and import; core's verify, knowledge base, generators
 * and import); `powershell`, core's PowerShell scanner and parser (a lint of a .ps1 script);
 * `yaml-reader`, core's YAML tags and error wording (a config the block reader declines). A lint
 * of a config or of XML then neither reads that code nor has V8 deserialise it from the code cache:
 * cli.cjs went from 612 KB to about 430 KB. (Core's XML code stays: rule modules read its tables as
 * they start, so a chunk of it would be loaded by every lint.)
 *
 * Unlike a package's chunk, this code imports modules the main bundle has (core's errors, config
 * loading, sources…), and two copies of a module would be two classes (`instanceof UsageError`
 * false) and two states. So a chunk takes every module the main bundle has from it: its entry
 * exports `link(host)`, which the stand-ins call with the main bundle's registry (a function from a
 * path to the module, holding only the modules the chunks ask for) before the chunk's modules run,
 * and which returns the chunk's modules that others import. The build checks that no module ends
 * up in two of the scripts.
 */
const CODE_CHUNKS = {
  commands: /^(src\/commands\/(verify|explain|emulate|generate|import)|\.\.\/core\/src\/(generate|import|knowledge|verify)\/index)\.ts$/,
  powershell: /^\.\.\/core\/src\/powershell\//,
  "yaml-reader": /^\.\.\/core\/src\/config\/(yaml-errors|yaml-tags)\.ts$/,
};
const codeChunkOf = (path) => Object.keys(CODE_CHUNKS).find((name) => CODE_CHUNKS[name].test(path));
/** A source file's path as esbuild's metafile names it: relative to this folder. */
const sourcePath = (file) => relative(process.cwd(), file).split(sep).join("/");
/** Per code chunk, the modules others import from it: path → absolute path. */
const codeChunkEntries = new Map(Object.keys(CODE_CHUNKS).map((name) => [name, new Map()]));

/** What an import resolves to when it is a file of this build (not external, not a plugin's module); undefined otherwise. */
async function resolveSourceFile(build, args) {
  const real = await build.resolve(args.path, {
    kind: args.kind,
    resolveDir: args.resolveDir,
    pluginData: { real: true, toChunk: true, host: true },
  });
  return real.errors.length > 0 || real.external || real.namespace !== "file" ? undefined : real;
}

/** Puts a module of a code chunk (other than `own`, the chunk being built) behind a stand-in that loads and links the chunk. */
const toCodeChunks = (own) => ({
  name: "code-chunks",
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.toChunk || args.kind === "entry-point") return undefined;
      const real = await resolveSourceFile(build, args);
      if (real === undefined) return undefined;
      const path = sourcePath(real.path);
      const chunk = codeChunkOf(path);
      if (chunk === undefined || chunk === own) return undefined;
      codeChunkEntries.get(chunk).set(path, real.path);
      return { path, namespace: "code-chunk", pluginData: { chunk, real: real.path } };
    });
    build.onLoad({ filter: /.*/, namespace: "code-chunk" }, async (args) => ({
      contents: [
        "let real;",
        `const load = () => (real ??= __loadChunk(${JSON.stringify(args.pluginData.chunk)}).link(require("host:registry"))[${JSON.stringify(args.path)}]);`,
        'Object.defineProperty(module.exports, "__esModule", { value: true });',
        `for (const name of ${JSON.stringify(await moduleExports(args.pluginData.real))}) Object.defineProperty(module.exports, name, { enumerable: true, get: () => load()[name] });`,
      ].join("\n"),
      loader: "js",
      resolveDir: process.cwd(),
    }));
  },
});

/** "host:registry": in the main bundle, its registry of the modules `shared` (path → absolute path); in a chunk, the one it was linked with. */
const hostRegistry = (shared) => ({
  name: "host-registry",
  setup(build) {
    build.onResolve({ filter: /^host:registry$/ }, () => ({ path: "registry", namespace: "host-registry" }));
    build.onLoad({ filter: /.*/, namespace: "host-registry" }, () => ({
      contents: shared
        ? [
            "module.exports = (path) => {",
            "  switch (path) {",
            ...[...shared].map(([path, real]) => `    case ${JSON.stringify(path)}: return require(${JSON.stringify(real)});`),
            "  }",
            "  throw new Error('the main bundle has no module ' + path);",
            "};",
          ].join("\n")
        : "module.exports = (path) => __host(path);",
      loader: "js",
      resolveDir: process.cwd(),
      pluginData: { real: true, toChunk: true, host: true },
    }));
  },
});

/** In a code chunk: a module of the main bundle (`mainModules`) is taken from it; `shared` collects them. Its entry is link(). */
const fromHost = (chunk, mainModules, shared) => ({
  name: "from-host",
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.host || args.kind === "entry-point") return undefined;
      const real = await resolveSourceFile(build, args);
      if (real === undefined) return undefined;
      const path = sourcePath(real.path);
      if (!mainModules.has(path)) return undefined;
      shared.set(path, real.path);
      return { path, namespace: "from-host" };
    });
    build.onLoad({ filter: /.*/, namespace: "from-host" }, (args) => ({
      contents: `module.exports = __host(${JSON.stringify(args.path)});`,
      loader: "js",
    }));
    build.onResolve({ filter: /^link$/ }, () => ({ path: "link", namespace: "link" }));
    build.onLoad({ filter: /.*/, namespace: "link" }, () => ({
      contents: [
        "let linked;",
        "exports.link = (host) => {",
        "  if (linked) return linked;",
        "  __host = host;",
        "  linked = {};",
        // Core's modules first: a command's module may use them as it starts, through the main bundle's stand-ins.
        ...[...codeChunkEntries.get(chunk)]
          .sort(([a], [b]) => Number(a.startsWith("src/")) - Number(b.startsWith("src/")))
          .map(([path, real]) => `  linked[${JSON.stringify(path)}] = require(${JSON.stringify(real)});`),
        "  return linked;",
        "};",
      ].join("\n"),
      loader: "js",
      resolveDir: process.cwd(),
      pluginData: { real: true, host: true, toChunk: true },
    }));
  },
});

/** The source files whose code is in a build, as its metafile names them. */
const bundledFiles = (metafile) =>
  new Set(
    Object.values(metafile.outputs)
      .flatMap((output) => Object.entries(output.inputs))
      .filter(([path, { bytesInOutput }]) => bytesInOutput > 0 && !path.includes(":"))
      .map(([path]) => path),
  );

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
  // A method named import (`import(data) {`, as @peculiar/x509 has) is no dynamic import.
  const left = rewritten.match(/(?<![\w$.])import\((?![\w$, ]*\)\s*\{)/g)?.length ?? 0;
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
// ES modules). ES module dependencies that ask for import.meta.url get the bundle's own URL, made
// when first asked for. A chunk is loaded by the launcher when it runs the bundle, else required.
const script = {
  ...common,
  sourcemap: "linked",
  define: { "import.meta.url": "__bundle.url" },
  banner: {
    js: [
      'const __bundle = { get url() { return require("node:url").pathToFileURL(__filename).href; } };',
      "const __importBuiltin = (name) => { const exports = require(name); return { ...exports, default: exports }; };",
      'const __loadChunk = (name) => (module.loadChunk ?? ((chunk) => require("./chunk-" + chunk + ".cjs")))(name);',
    ].join("\n"),
  },
};
// src/entry.ts: a plain lint without yargs; main.ts (and yargs) are loaded for everything else.
const buildMain = (shared, write) =>
  build({
    ...script,
    entryPoints: ["src/entry.ts"],
    outfile: `${outdir}/cli.cjs`,
    metafile: true,
    write,
    plugins: [toCodeChunks(undefined), lazyChunks, lazyBuiltins, lazyCoreModules, hostRegistry(shared)],
  });
const buildCodeChunk = (chunk, mainModules, shared) =>
  build({
    ...script,
    banner: { js: `${script.banner.js}\nlet __host;` },
    entryPoints: { [`chunk-${chunk}`]: "link" },
    outfile: `${outdir}/chunk-${chunk}.cjs`,
    metafile: true,
    plugins: [fromHost(chunk, mainModules, shared), toCodeChunks(chunk), lazyChunks, lazyBuiltins, lazyCoreModules, hostRegistry()],
  });
// The main bundle, then the code chunks with what they take from it, then the main bundle again
// with the registry of those modules (which keeps all their exports): until no module is in two
// scripts and no chunk was built before another asked it for more modules.
let mainModules = bundledFiles((await buildMain(new Map(), false)).metafile);
for (let round = 1; ; round++) {
  const shared = new Map();
  const entries = () => [...codeChunkEntries.values()].map((modules) => modules.size).join();
  const before = entries();
  const scripts = [];
  for (const [chunk, modules] of codeChunkEntries) {
    if (modules.size > 0) scripts.push(bundledFiles((await buildCodeChunk(chunk, mainModules, shared)).metafile));
  }
  const main = bundledFiles((await buildMain(shared, true)).metafile);
  const seen = new Set();
  const twice = [main, ...scripts].flatMap((files) => [...files].filter((file) => seen.has(file) || !seen.add(file)));
  if (twice.length === 0 && entries() === before) break;
  if (round === 4) throw new Error(`in two scripts of the build: ${twice.join(", ")}`);
  mainModules = main;
}
finishBundle(`${outdir}/cli.cjs`);
for (const [chunk, modules] of codeChunkEntries) if (modules.size > 0) finishBundle(`${outdir}/chunk-${chunk}.cjs`);
for (const [name, entry] of chunkEntries) {
  const outfile = `${outdir}/chunk-${name}.cjs`;
  await build({ ...script, entryPoints: { [`chunk-${name}`]: entry }, outfile, plugins: [lazyStringWidth, lazyBuiltins] });
  finishBundle(outfile);
}
await build({ ...common, entryPoints: ["src/launcher.ts"], outfile: `${outdir}/launcher.cjs` });
// The WebAssembly files of the PowerShell parser, next to the bundle where core's
// powershell/grammar.ts looks for them first (there is no node_modules in the packed CLI).
const fromCore = createRequire(new URL("../core/package.json", import.meta.url));
for (const wasm of ["web-tree-sitter/web-tree-sitter.wasm", "tree-sitter-powershell/tree-sitter-powershell.wasm"]) {
  cpSync(fromCore.resolve(wasm), `${outdir}/${wasm.split("/").pop()}`);
}
cpSync("../../schemas", "schemas", { recursive: true });
