import fc from "fast-check";

/**
 * The one place every fast-check property of the repository gets its seed and run count from, so
 * that a run can be repeated: a fixed seed by default, `SMTPCFG_FUZZ_SEED` for another one,
 * `SMTPCFG_FUZZ_RUNS` for more (or fewer) cases, `SMTPCFG_FUZZ_PATH` to replay just the failing case
 * a report names. A failure prints the line that reproduces it.
 */
const DEFAULT_SEED = 7;

function integerFromEnvironment(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, not ${JSON.stringify(raw)}`);
  return value;
}

/** The seed properties run with (`SMTPCFG_FUZZ_SEED`, or the fixed default). */
function fuzzSeed(): number {
  return integerFromEnvironment("SMTPCFG_FUZZ_SEED") ?? DEFAULT_SEED;
}

/** How many cases a property runs: `SMTPCFG_FUZZ_RUNS` when set, else the property's own default. */
function fuzzRuns(defaultRuns: number): number {
  return integerFromEnvironment("SMTPCFG_FUZZ_RUNS") ?? defaultRuns;
}

/**
 * The time limit of a test that runs a property: 20 ms a case, at least two minutes. Far above what
 * a case takes on a busy machine (see bench/fuzz.mjs); it is there to end a hang, not to time cases.
 */
export function fuzzTimeout(defaultRuns: number): number {
  return Math.max(120_000, fuzzRuns(defaultRuns) * 20);
}

/** Parameters for `fc.assert`: seeded, `defaultRuns` cases unless the environment says otherwise. */
export function fuzzParameters<T>(defaultRuns: number): fc.Parameters<T> {
  const path = process.env.SMTPCFG_FUZZ_PATH;
  return {
    seed: fuzzSeed(),
    numRuns: fuzzRuns(defaultRuns),
    ...(path ? { path } : {}),
    reporter(details) {
      if (!details.failed) return;
      const replay = `SMTPCFG_FUZZ_SEED=${details.seed} SMTPCFG_FUZZ_PATH=${details.counterexamplePath ?? ""}`;
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(
        `${fc.defaultReportMessage(details)}\n\nGot: ${cause}\n\nReproduce this case alone with ${replay} and the same test name (-t).`,
        {
          cause: details.errorInstance,
        },
      );
    },
  };
}
