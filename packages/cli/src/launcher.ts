import { isAscii } from "node:buffer";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

/**
 * Starts the bundled CLI through V8's code cache. Node 20 has no compile cache of its own (22
 * does), and without one every run compiles and warms up a megabyte of JavaScript: the cache,
 * written after the first run with every function that run compiled, makes `smtpcfg lint` start
 * about a third faster. Any problem with the cache falls back to a plain load.
 */
export function launch(bundle: string, version: string): void {
  const source = readSource(bundle);
  const cacheFile = cachePath(bundle, version);
  const cache = cacheFile ? readCache(cacheFile) : undefined;
  const cachedData = cache?.data;
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapper, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as { run(): Promise<void> } };
  // This file's own require: it sits next to the bundle, so it resolves exactly what the bundle's
  // would (only Node's built-in modules: everything else is bundled).
  script.runInThisContext()(module.exports, require, module, bundle, dirname(bundle));
  // V8 caches the functions that the runs so far compiled: a cache written by `smtpcfg --version`
  // holds nothing of lint. So the first run of each kind of command writes the cache again, with
  // what it compiled added to what it was given.
  const kind = process.argv[2] === "lint" ? "lint" : "other";
  void module.exports.run().then(() => {
    if (cacheFile && (!cache || script.cachedDataRejected || !cache.kinds.includes(kind))) {
      const kinds = cache && !script.cachedDataRejected ? [...new Set([...cache.kinds, kind])] : [kind];
      writeCache(cacheFile, kinds, script.createCachedData());
    }
  });
}

/** The first line of a cache file: this tag and the kinds of command whose runs wrote it. */
const CACHE_TAG = "smtpcfg-code-cache";

function readCache(file: string): { kinds: string[]; data: Buffer } | undefined {
  try {
    const bytes = readFileSync(file);
    const newline = bytes.indexOf(0x0a);
    const [tag, ...kinds] = bytes.toString("latin1", 0, Math.max(newline, 0)).split(" ");
    if (newline === -1 || tag !== CACHE_TAG) return undefined;
    return { kinds, data: bytes.subarray(newline + 1) };
  } catch {
    return undefined;
  }
}

/**
 * The bundle's text. The build keeps it ASCII, and ASCII read as Latin-1 is the same text, made
 * without decoding: a 1 MiB bundle decoded as UTF-8 takes Node 20 several milliseconds, as Latin-1
 * well under one.
 */
function readSource(bundle: string): string {
  const bytes = readFileSync(bundle);
  return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
}

/** One cache file per CLI version, bundle build and Node version; undefined when disabled. */
function cachePath(bundle: string, version: string): string | undefined {
  const env = process.env;
  if (env.SMTPCFG_NO_COMPILE_CACHE) return undefined;
  try {
    const { size, mtimeMs } = statSync(bundle);
    const base = env.SMTPCFG_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir() || tmpdir(), ".cache"), "smtpcfg");
    return join(base, `cli-${version}-${process.version}-${process.arch}-${size}-${Math.trunc(mtimeMs)}.v8cache`);
  } catch {
    return undefined;
  }
}

function writeCache(file: string, kinds: readonly string[], data: Buffer): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${[CACHE_TAG, ...kinds].join(" ")}\n`, "latin1"), data]), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // A read-only home or a full disk only costs speed.
  }
}
