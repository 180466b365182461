import fc from "fast-check";
import { afterAll, beforeAll } from "vitest";
import { type LintOptions, lintFile } from "../../src/lint/lint-file.js";
import type { FileKind } from "../../src/lint/rule.js";
import { checkInput } from "./checks.js";
import { corpus, type MutatedFile } from "./mutations.js";
import { CaseTimes } from "./timing.js";

/**
 * One fuzz target of a kind of file: its case times, reported after its tests, and a first lint
 * before them that loads what later cases reuse (parsers, the schema validator, tree-sitter's
 * WebAssembly), so that no case is charged for it. `check` runs checkInput on one mutated file, timed.
 */
export function fuzzTarget(kind: FileKind, name: string) {
  const times = new CaseTimes(name);
  afterAll(() => times.report());
  beforeAll(() => lintFile({ file: "warm-up", text: corpus(kind)[0]?.text ?? "", bom: false }, kind));
  const check = (file: MutatedFile, options: LintOptions) =>
    times.time(
      file.bytes.length,
      () => fc.stringify(file),
      () => checkInput(kind, file.bytes, options),
    );
  /** Counts the rules whose fixes a case applied, once each. */
  const countFixes = (checked: Awaited<ReturnType<typeof check>>) => {
    for (const ruleId of new Set(checked?.fixed.map((diagnostic) => diagnostic.ruleId))) times.count(`fixed by ${ruleId}`);
  };
  return { times, check, countFixes };
}
