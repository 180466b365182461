import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBlockYaml } from "../../src/config/block-yaml.js";
import { parseWithYaml } from "../../src/config/yaml-document.js";
import { lintFile } from "../../src/lint/lint-file.js";
import { TEST_TODAY } from "../rule-tester.js";
import { checkInput } from "./checks.js";
import { corpus, mutatedFile } from "./mutations.js";
import { fuzzParameters, fuzzTimeout } from "./parameters.js";
import { CaseTimes } from "./timing.js";

const times = new CaseTimes("config: load and lint");
afterAll(() => times.report());
// The first lint loads what later ones reuse (the schema validator): no case's own time.
beforeAll(() => lintFile({ file: "warm-up", text: corpus("config")[0]?.text ?? "", bom: false }, "config"));

describe("the config loader and linter on mutated configs", () => {
  it("never throw and report inside the file, whichever YAML reader reads it, and the fast reader agrees with yaml", {
    timeout: fuzzTimeout(10_000),
  }, async () => {
    await fc.assert(
      fc.asyncProperty(mutatedFile("config"), async (file) => {
        const checked = await times.time(
          file.bytes.length,
          () => fc.stringify(file),
          () => checkInput("config", file.bytes, { today: TEST_TODAY }),
        );
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
