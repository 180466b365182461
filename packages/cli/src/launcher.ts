import { isAscii } from "node:buffer";
import { readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Script } from "node:vm";
import { makeFolders } from "@smtpcfg/core/make-folders";

/**
 * Starts the bundled CLI through V8's code cache. Node 20 has no compile cache of its own (22
 * does), and without one every run compiles and warms up the JavaScript it runs: the cache, with
 * every function the runs of each kind of command compiled, makes `smtpcfg lint` start about a
 * third faster. It is written at the end of the first run of each kind, or, for a lint that
 * reaches a script, just before the PowerShell parser loads (see FLAG_CHANGING_CHUNK). The bundle
 * loads its chunks (packages a plain lint does not need, see build.mjs) through this too. Any
 * problem with the cache falls back to a plain load.
 */
export function launch(bundle: string, version: string): void {
  const cacheFile = cachePath(bundle, version);
  const cache = cacheFile ? readCache(cacheFile) : undefined;
  // V8 caches the functions that the runs so far compiled: a cache written by `smtpcfg --version`
  // holds nothing of lint. So the first run of each kind writes the cache again, with what it
  // compiled added to what it was given; so does a run that loaded a chunk not cached yet.
  const kind: CacheKind = process.argv[2] === "lint" ? "lint" : "other";
  const updateCache = (cacheFile: string, runKind: CacheKind) => {
    const mainCached = scripts.get("main")?.cached === true;
    const stale = !mainCached || !cache?.kinds.includes(runKind) || [...scripts.values()].some(({ cached }) => !cached);
    if (!stale) return;
    // V8 accepts cached data only under the flags it was made with. A run whose main section V8
    // took, and whose flags have changed since, writes none: every later run would refuse it. A
    // first run cannot tell (it has no tag to compare): FLAG_CHANGING_CHUNK is what keeps it from
    // writing after the one change smtpcfg makes. (node:v8 loads Node's streams: only here.)
    const tag = (require("node:v8") as typeof import("node:v8")).cachedDataVersionTag();
    if (mainCached && cache?.tag !== tag) return;
    // A rejected main cache means another V8 (or other flags): nothing of the old file is kept.
    const sections = new Map(mainCached ? cache?.sections : []);
    for (const [name, { script }] of scripts) sections.set(name, script.createCachedData());
    const kinds = mainCached ? [...new Set([...(cache?.kinds ?? []), runKind])] : [runKind];
    writeCache(cacheFile, { tag, kinds, sections });
  };
  // The PowerShell parser sets --liftoff-only when it parses its first script, and every run
  // starts without it: what this run compiled is written when the parser's chunk loads, under the
  // flags every run starts with, and never after. That is a lint up to its first script (kind
  // "script"), not a whole lint: a later lint of other files still adds what it compiles. The
  // write happens in the middle of the command, which a failure of it must not stop.
  let flagsMayChange = false;
  const { load, scripts } = scriptLoader(dirname(bundle), cache, (name) => {
    if (name !== FLAG_CHANGING_CHUNK) return;
    flagsMayChange = true;
    try {
      if (cacheFile) updateCache(cacheFile, "script");
    } catch {
      // Only speed is lost.
    }
  });
  const main = load("main", bundle) as { run(): Promise<{ flushed: boolean } | undefined> };
  void main.run().then((outcome) => {
    if (cacheFile && !flagsMayChange) updateCache(cacheFile, kind);
    // The command is done and its output written: end now, rather than after Node has torn down
    // the whole heap (tens of milliseconds after a large lint; nothing is left to run).
    if (outcome?.flushed) process.exit();
  });
}

/** What the runs that wrote a cache were: a lint, another command, or a lint up to its first script. */
type CacheKind = "lint" | "other" | "script";

/** The chunk whose code changes V8's flags (core's PowerShell parser, powershell/grammar.ts: --liftoff-only). */
const FLAG_CHANGING_CHUNK = "powershell";

/**
 * Loads the build's scripts (the bundle and its chunks) through V8's code cache: `cached` says
 * whether V8 took the cache's section for it.
 */
function scriptLoader(folder: string, cache: Cache | undefined, chunkLoaded: (name: string) => void) {
  const scripts = new Map<string, { script: Script; cached: boolean }>();
  const load = (name: string, file: string): unknown => {
    const cachedData = cache?.sections.get(name);
    const wrapper = `(function (exports, require, module, __filename, __dirname) {${readSource(file)}\n})`;
    const script = new Script(wrapper, { filename: file, ...(cachedData ? { cachedData } : {}) });
    scripts.set(name, { script, cached: cachedData !== undefined && script.cachedDataRejected !== true });
    const module = { exports: {}, loadChunk };
    // This file's own require: it sits next to the bundle, so it resolves exactly what the bundle's
    // would (only Node's built-in modules: everything else is bundled).
    script.runInThisContext()(module.exports, require, module, file, dirname(file));
    return module.exports;
  };
  // A chunk runs once, however many of the scripts load it (the bundle and the commands chunk both load yaml).
  const chunks = new Map<string, unknown>();
  const loadChunk = (name: string) => {
    if (!chunks.has(name)) {
      chunks.set(name, load(name, join(folder, `chunk-${name}.cjs`)));
      chunkLoaded(name);
    }
    return chunks.get(name);
  };
  return { load, scripts };
}

/**
 * A script's text. The build keeps the bundle ASCII, and ASCII read as Latin-1 is the same text,
 * made without decoding: a 1 MiB bundle decoded as UTF-8 takes Node 20 several milliseconds, as
 * Latin-1 well under one.
 */
function readSource(file: string): string {
  const bytes = readFileSync(file);
  return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
}

/**
 * The cache file: a first line with this tag, V8's version tag (V8 version and flags) when it was
 * written, the kinds of command whose runs wrote it, and the name and length of each script's
 * cached data, which follows in that order.
 */
const CACHE_TAG = "smtpcfg-code-cache";

interface Cache {
  tag: number;
  /** As read from the file: a kind this version does not know is kept, and never matches. */
  kinds: string[];
  sections: Map<string, Buffer>;
}

function readCache(file: string): Cache | undefined {
  try {
    const bytes = readFileSync(file);
    const newline = bytes.indexOf(0x0a);
    const [fileTag, v8Tag = "", kinds = "", ...index] = bytes.toString("latin1", 0, Math.max(newline, 0)).split(" ");
    if (newline === -1 || fileTag !== CACHE_TAG || !/^\d+$/.test(v8Tag)) return undefined;
    const sections = new Map<string, Buffer>();
    let offset = newline + 1;
    for (const entry of index) {
      const [name = "", length = ""] = entry.split(":");
      const end = offset + Number(length);
      if (!/^\d+$/.test(length) || end > bytes.length) return undefined;
      sections.set(name, bytes.subarray(offset, end));
      offset = end;
    }
    return { tag: Number(v8Tag), kinds: kinds.split(","), sections };
  } catch {
    return undefined;
  }
}

/** One cache file per CLI version, bundle build and Node version; undefined when disabled. */
function cachePath(bundle: string, version: string): string | undefined {
  const env = process.env;
  if (env.SMTPCFG_NO_COMPILE_CACHE) return undefined;
  try {
    const { size, mtimeMs } = statSync(bundle);
    const base = env.SMTPCFG_CACHE_DIR || join(env.XDG_CACHE_HOME || join(home(), ".cache"), "smtpcfg");
    return join(base, `cli-${version}-${process.version}-${process.arch}-${size}-${Math.trunc(mtimeMs)}.v8cache`);
  } catch {
    return undefined;
  }
}

/** The home folder, with node:os loaded only when the environment does not name a cache folder. */
function home(): string {
  const os = require("node:os") as typeof import("node:os");
  return os.homedir() || os.tmpdir();
}

function writeCache(file: string, { tag, kinds, sections }: Cache): void {
  try {
    makeFolders(dirname(file), 0o700);
    const index = [...sections].map(([name, data]) => `${name}:${data.length}`);
    const header = Buffer.from(`${[CACHE_TAG, tag, kinds.join(","), ...index].join(" ")}\n`, "latin1");
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat([header, ...sections.values()]), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // A read-only home or a full disk only costs speed.
  }
}
