import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBlockYaml } from "../../src/config/block-yaml.js";
import { parseWithYaml } from "../../src/config/yaml-document.js";
import { TEST_TODAY } from "../rule-tester.js";
import { mutatedFile } from "./mutations.js";
import { fuzzParameters, fuzzTimeout } from "./parameters.js";
import { fuzzTarget } from "./target.js";

const { times, check } = fuzzTarget("config", "config: load and lint");

describe("the config loader and linter on mutated configs", () => {
  it("never throw and report inside the file, whichever YAML reader reads it, and the fast reader agrees with yaml", {
    timeout: fuzzTimeout(10_000),
  }, async () => {
    await fc.assert(
      fc.asyncProperty(mutatedFile("config"), async (file) => {
        const checked = await check(file, { today: TEST_TODAY });
        if (!checked) return;
        const { source } = checked;
        const fast = parseBlockYaml(source.text);
        times.count(fast ? "read by the fast block reader" : "read by yaml");
        // What the fast reader accepts, yaml reads the same, without a finding.
        if (fast) {
          const slow = parseWithYaml(source);
          if (!isDeepStrictEqual(fast.data, slow.data) || slow.syntaxDiagnostics.length > 0) {
            expect({ data: fast.data, syntaxDiagnostics: [] }).toStrictEqual({
              data: slow.data,
              syntaxDiagnostics: slow.syntaxDiagnostics,
            });
          }
        }
      }),
      fuzzParameters(10_000),
    );
    // Both readers had their share of the cases (a replay of one case aside).
    if (times.cases >= 1_000)
      expect(Math.min(times.paths["read by the fast block reader"] ?? 0, times.paths["read by yaml"] ?? 0)).toBeGreaterThan(
        times.cases / 10,
      );
  });
});
