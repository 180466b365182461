import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Io } from "../src/io.js";
import { main } from "../src/main.js";

// The bundle is not the sources: its build makes modules load lazily, rewrites some of their
// imports and escapes its text, and the launcher runs it through V8's code cache. Whatever it runs,
// the bundle must print what the sources print. It is built into a folder of its own, as other
// tests rebuild dist/ while this one runs.
const cliDir = join(import.meta.dirname, "..");
const repo = join(cliDir, "../..");
const copy = mkdtempSync(join(tmpdir(), "smtpcfg-bundle-"));
const cacheDir = join(copy, "cache");

beforeAll(() => {
  cpSync(join(cliDir, "bin"), join(copy, "bin"), { recursive: true });
  cpSync(join(cliDir, "package.json"), join(copy, "package.json"));
  execFileSync(process.execPath, ["build.mjs", "--outdir", join(copy, "dist")], { cwd: cliDir, stdio: "pipe" });
});

function runBundle(argv: string[], { cwd = repo, locale }: { cwd?: string; locale?: string } = {}) {
  const result = spawnSync(process.execPath, [join(copy, "bin/smtpcfg.cjs"), ...argv], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH, NO_COLOR: "1", SMTPCFG_CACHE_DIR: cacheDir, ...(locale ? { LANG: locale, LC_ALL: locale } : {}) },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function runSources(argv: string[]) {
  const out = { stdout: "", stderr: "" };
  const io: Io = {
    cwd: repo,
    env: { NO_COLOR: "1" },
    stdout: {
      write: (text) => {
        out.stdout += text;
      },
    },
    stderr: {
      write: (text) => {
        out.stderr += text;
      },
    },
  };
  return { code: await main(argv, io), ...out };
}

const COMMAND_LINES = [
  ["lint", "examples/smtpcfg.yaml"],
  ["lint", "examples/broken/smtpcfg.yaml", "--format", "json"],
  ["lint", "examples/broken/smtpcfg.yaml", "examples/broken/notificationSettings.xml", "-f", "compact"],
  ["lint", "examples/notificationSettings.xml"],
  ["lint", "examples/broken/notificationSettings.xml", "--fix-dry-run"],
  ["lint", "fixtures/config/err/merge-key-expired-secret.yaml", "fixtures/config/err/placeholder-unquoted.yaml"],
  ["lint", "fixtures/config/err/tab-indentation.yaml", "fixtures/config/ok/merge-keys.yaml"],
  ["lint", "missing.yaml"],
  ["lint", "--fix", "--fix-dry-run", "examples/smtpcfg.yaml"],
  [
    "explain",
    "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. [BN0PR04CA0123.namprd04.prod.outlook.com]",
  ],
  ["explain", "wrong-sp-object-id", "--format", "json"],
  ["explain", "--list"],
  ["explain", "no-such-entry"],
  ["import", "examples/notificationSettings.xml"],
  ["import", "examples/broken/notificationSettings.xml"],
  ["generate", "--config", "examples/smtpcfg.yaml", "--check"],
  ["verify", "--config", "missing.yaml"],
  ["--version"],
];

describe("the bundled CLI", () => {
  it.each(COMMAND_LINES.map((argv) => [argv]))("prints what the sources print, with and without its code cache: %j", async (argv) => {
    const expected = await runSources(argv);
    expect(runBundle(argv)).toEqual(expected);
    expect(runBundle(argv)).toEqual(expected);
  });

  // A Danish locale sorts capitals first and "aa" after "z": the order of a report must not depend on who runs it.
  it("lints and reports files in the same order whatever the machine's locale", () => {
    const dir = mkdtempSync(join(tmpdir(), "smtpcfg-order-"));
    for (const name of ["z", "B", "aa", "b", "å"]) writeFileSync(join(dir, `${name}.smtpcfg.yaml`), "version: 2\ntenants: []\n");
    const order = (locale: string) => {
      const { stdout } = runBundle(["lint", ".", "-f", "compact"], { cwd: dir, locale });
      return [
        ...new Set(
          stdout
            .trim()
            .split("\n")
            .map((line) => line.split(":")[0]),
        ),
      ];
    };
    const english = ["å.smtpcfg.yaml", "aa.smtpcfg.yaml", "b.smtpcfg.yaml", "B.smtpcfg.yaml", "z.smtpcfg.yaml"];
    expect(order("da_DK.UTF-8")).toEqual(english);
    expect(order("C.UTF-8")).toEqual(english);
  });

  it("keeps one code cache file for every kind of command", () => {
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/^cli-.+\.v8cache$/)]);
  });

  // V8's coverage names each module's initialiser in the bundle by the module's path: a lint must
  // not run the knowledge base's (explain's and verify's data), which the build puts behind a stand-in.
  it("initialises the knowledge base for explain, never for a lint", () => {
    const knowledgeRuns = (argv: string[]) => {
      const coverage = mkdtempSync(join(tmpdir(), "smtpcfg-coverage-"));
      spawnSync(process.execPath, [join(copy, "bin/smtpcfg.cjs"), ...argv], {
        cwd: repo,
        env: { PATH: process.env.PATH, NO_COLOR: "1", SMTPCFG_CACHE_DIR: cacheDir, NODE_V8_COVERAGE: coverage },
      });
      return readdirSync(coverage).flatMap((file) => {
        const { result } = JSON.parse(readFileSync(join(coverage, file), "utf8")) as {
          result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
        };
        return result
          .filter((script) => /\/(cli|chunk-commands)\.cjs$/.test(script.url))
          .flatMap((script) => script.functions)
          .filter((fn) => fn.functionName.startsWith("../core/src/knowledge/") && (fn.ranges[0]?.count ?? 0) > 0)
          .map((fn) => fn.functionName);
      });
    };
    expect(knowledgeRuns(["explain", "535 5.7.3"])).toContain("../core/src/knowledge/knowledge.ts");
    expect(knowledgeRuns(["lint", "examples/smtpcfg.yaml"])).toEqual([]);
    expect(knowledgeRuns(["lint", "examples/broken/smtpcfg.yaml", "examples/broken/notificationSettings.xml"])).toEqual([]);
  });

  /** Runs `check` with dist/chunk-NAME.cjs moved away: what needs it fails naming it. */
  function withoutChunk(name: string, check: (chunk: string) => void) {
    const chunk = join(copy, `dist/chunk-${name}.cjs`);
    renameSync(chunk, `${chunk}.away`);
    try {
      expect(runBundle(["lint", "examples/smtpcfg.yaml"])).toMatchObject({ code: 0, stderr: "" });
      expect(runBundle(["lint", "examples/notificationSettings.xml"])).toMatchObject({ code: 0, stderr: "" });
      expect(runBundle(["--help"])).toMatchObject({ code: 0, stderr: "" });
      check(`chunk-${name}.cjs`);
    } finally {
      renameSync(`${chunk}.away`, chunk);
    }
  }

  it("loads the other commands' chunk (verify, explain, emulate, generate, import) for them only: lint and --help run without it", () => {
    withoutChunk("commands", (chunk) => {
      for (const argv of [
        ["explain", "535 5.7.3"],
        ["verify", "--config", "missing.yaml"],
        ["import", "examples/notificationSettings.xml"],
      ]) {
        expect(runBundle(argv).stderr).toContain(chunk);
      }
    });
  });

  it("loads core's PowerShell chunk for scripts only: a lint of a config or XML runs without it", () => {
    withoutChunk("powershell", (chunk) => expect(runBundle(["lint", "examples/exchange-online.ps1"]).stderr).toContain(chunk));
  });

  it("loads the emulator's chunk for emulate only: lint and --help run without it", () => {
    withoutChunk("emulator", (chunk) => expect(runBundle(["emulate", "--fault", "no-such-fault"]).stderr).toContain(chunk));
    expect(runBundle(["emulate", "--fault", "no-such-fault"])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^smtpcfg: unknown fault "no-such-fault"/),
    });
  });
});
