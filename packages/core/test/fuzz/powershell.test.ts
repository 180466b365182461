import fc from "fast-check";
import { describe, it } from "vitest";
import { TEST_TODAY } from "../rule-tester.js";
import { mutatedFile } from "./mutations.js";
import { fuzzParameters, fuzzTimeout } from "./parameters.js";
import { fuzzTarget } from "./target.js";

/**
 * As many cases as the other targets. Each costs more here: tree-sitter's WebAssembly parser takes
 * about half a case's time on a damaged script (its error recovery), and the walk over its tree
 * much of the rest, so 10,000 cases take some 10 to 15 s of CPU (bench/fuzz.mjs).
 */
const POWERSHELL_RUNS = 10_000;

const { check, countFixes } = fuzzTarget("powershell", "powershell: lint, --fix");

describe("the PowerShell linter on mutated scripts", () => {
  it("never throws, reports inside the file, and --fix is done in one run", { timeout: fuzzTimeout(POWERSHELL_RUNS) }, async () => {
    await fc.assert(
      fc.asyncProperty(mutatedFile("powershell"), async (file) => {
        countFixes(await check(file, { today: TEST_TODAY }));
      }),
      fuzzParameters(POWERSHELL_RUNS),
    );
  });
});
