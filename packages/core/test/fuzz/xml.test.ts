import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { LintableConfig } from "../../src/config/lintable.js";
import { loadConfig } from "../../src/config/load.js";
import { lintFile } from "../../src/lint/lint-file.js";
import { TEST_TODAY } from "../rule-tester.js";
import { checkInput } from "./checks.js";
import { corpus, mutatedFile } from "./mutations.js";
import { fuzzParameters, fuzzTimeout } from "./parameters.js";
import { CaseTimes } from "./timing.js";

const examples = join(import.meta.dirname, "../../../../examples");
const config = loadConfig({ file: "smtpcfg.yaml", text: readFileSync(join(examples, "smtpcfg.yaml"), "utf8"), bom: false }).yaml
  ?.data as LintableConfig;

const times = new CaseTimes("xml: lint, --fix");
afterAll(() => times.report());
// The first lint loads what later ones reuse (parsers, the schema validator): no case's own time.
beforeAll(() => lintFile({ file: "warm-up", text: corpus("xml")[0]?.text ?? "", bom: false }, "xml"));

describe("the XML linter on mutated fixtures", () => {
  it("never throws, reports inside the file, and --fix (with and without --config) loses nothing and is done in one run", {
    timeout: fuzzTimeout(10_000),
  }, async () => {
    await fc.assert(
      fc.asyncProperty(mutatedFile("xml"), fc.boolean(), async (file, withConfig) => {
        const options = { today: TEST_TODAY, ...(withConfig ? { config } : {}) };
        const checked = await times.time(
          file.bytes.length,
          () => fc.stringify(file),
          () => checkInput("xml", file.bytes, options),
        );
        for (const ruleId of new Set(checked?.fixed.map((diagnostic) => diagnostic.ruleId))) times.count(`fixed by ${ruleId}`);
      }),
      fuzzParameters(10_000),
    );
  });
});
