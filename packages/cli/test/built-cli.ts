import { buildBundledCli, type ProcessResult, type RunOptions, runBundledCli } from "./bundled-cli.js";

export type { ProcessResult, RunOptions };

export interface BuiltCli {
  /** The launcher, bin/smtpcfg.cjs, of this copy; its code cache is in ../cache. */
  bin: string;
  run(argv: readonly string[], options: RunOptions): Promise<ProcessResult>;
}

/** The CLI as it ships (buildBundledCli) with runBundledCli bound to it. */
export function buildCli(): BuiltCli {
  const cli = buildBundledCli();
  return { bin: cli.bin, run: (argv, options) => runBundledCli(cli, argv, options) };
}
