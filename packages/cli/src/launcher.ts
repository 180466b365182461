import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

/**
 * Starts the bundled CLI through V8's code cache. Node 20 has no compile cache of its own (22
 * does), and without one every run compiles and warms up half a megabyte of JavaScript: the
 * cache, written after the first run with every function that run compiled, makes `smtpcfg lint`
 * start about a third faster. Any problem with the cache falls back to a plain load.
 */
export function launch(bundle: string, version: string): void {
  const source = readFileSync(bundle, "utf8");
  const cacheFile = cachePath(bundle, version);
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapper, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as { run(): Promise<void> } };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  void module.exports.run().then(() => {
    if (cacheFile && (!cachedData || script.cachedDataRejected)) writeCache(cacheFile, script.createCachedData());
  });
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

function writeCache(file: string, data: Buffer): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // A read-only home or a full disk only costs speed.
  }
}
