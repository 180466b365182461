import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, it } from "vitest";
import type { LintableConfig } from "../../src/config/lintable.js";
import { loadConfig } from "../../src/config/load.js";
import { TEST_TODAY } from "../rule-tester.js";
import { mutatedFile } from "./mutations.js";
import { fuzzParameters, fuzzTimeout } from "./parameters.js";
import { fuzzTarget } from "./target.js";

const examples = join(import.meta.dirname, "../../../../examples");
const config = loadConfig({ file: "smtpcfg.yaml", text: readFileSync(join(examples, "smtpcfg.yaml"), "utf8"), bom: false }).yaml
  ?.data as LintableConfig;

const { check, countFixes } = fuzzTarget("xml", "xml: lint, --fix");

describe("the XML linter on mutated fixtures", () => {
  it("never throws, reports inside the file, and --fix (with and without --config) loses nothing and is done in one run", {
    timeout: fuzzTimeout(10_000),
  }, async () => {
    await fc.assert(
      fc.asyncProperty(mutatedFile("xml"), fc.boolean(), async (file, withConfig) => {
        countFixes(await check(file, { today: TEST_TODAY, ...(withConfig ? { config } : {}) }));
      }),
      fuzzParameters(10_000),
    );
  });
});
