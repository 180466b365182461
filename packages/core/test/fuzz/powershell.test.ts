import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { lintFile } from "../../src/lint/lint-file.js";
import { TEST_TODAY } from "../rule-tester.js";
import { checkInput } from "./checks.js";
import { corpus, mutatedFile } from "./mutations.js";
import { fuzzParameters, fuzzTimeout } from "./parameters.js";
import { CaseTimes } from "./timing.js";

/**
 * As many cases as the other targets. Each costs more here: tree-sitter's WebAssembly parser takes
 * about half a case's time on a damaged script (its error recovery), and the walk over its tree
 * much of the rest, so 10,000 cases take some 10 to 15 s of CPU (bench/fuzz.mjs).
 */
const POWERSHELL_RUNS = 10_000;

const times = new CaseTimes("powershell: lint, --fix");
afterAll(() => times.report());
// The first lint loads what later ones reuse (tree-sitter's WebAssembly): no case's own time.
beforeAll(() => lintFile({ file: "warm-up", text: corpus("powershell")[0]?.text ?? "", bom: false }, "powershell"));

describe("the PowerShell linter on mutated scripts", () => {
  it("never throws, reports inside the file, and --fix is done in one run", { timeout: fuzzTimeout(POWERSHELL_RUNS) }, async () => {
    await fc.assert(
      fc.asyncProperty(mutatedFile("powershell"), async (file) => {
        const checked = await times.time(
          file.bytes.length,
          () => fc.stringify(file),
          () => checkInput("powershell", file.bytes, { today: TEST_TODAY }),
        );
        for (const ruleId of new Set(checked?.fixed.map((diagnostic) => diagnostic.ruleId))) times.count(`fixed by ${ruleId}`);
      }),
      fuzzParameters(POWERSHELL_RUNS),
    );
  });
});
