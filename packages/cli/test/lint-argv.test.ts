import { describe, expect, it, vi } from "vitest";
import type { LintArguments } from "../src/commands/lint.js";
import { parseLintArgv } from "../src/lint-argv.js";
import { main } from "../src/main.js";

// yargs decides what a command line means; the fast path must agree with it on every command line
// it accepts. Here yargs's answer is the arguments it hands the lint command.
const handed: { args?: LintArguments | undefined } = {};
vi.mock("../src/commands/lint.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../src/commands/lint.js")>();
  return {
    ...actual,
    lintCommand: async (args: LintArguments) => {
      handed.args = args;
      return 0;
    },
  };
});

const quietIo = { cwd: "/", env: {}, stdout: { write() {} }, stderr: { write() {} } };

async function yargsArguments(argv: string[]): Promise<LintArguments | undefined> {
  handed.args = undefined;
  await main(argv, quietIo);
  return handed.args;
}

const PLAIN = [
  ["lint"],
  ["lint", "smtpcfg.yaml"],
  ["lint", "a.smtpcfg.yaml", "configs/", "./b.yaml", "../c.yaml", "x y.yaml"],
  ["lint", "--format", "json"],
  ["lint", "-f", "sarif", "smtpcfg.yaml"],
  ["lint", "--format=github"],
  ["lint", "--format", "compact", "--quiet"],
  ["lint", "-q", "smtpcfg.yaml"],
  ["lint", "--max-warnings", "0"],
  ["lint", "--max-warnings=12"],
  ["lint", "-c", "shared.yaml", "notificationSettings.xml"],
  ["lint", "--config=shared.yaml", "script.ps1"],
  ["lint", "--fix"],
  ["lint", "--fix-dry-run", "notificationSettings.xml"],
  ["lint", "--skip-unrecognized", "a.yaml", "b.xml"],
  ["lint", "--verbose", "smtpcfg.yaml"],
  ["lint", "a.yaml", "--format", "json", "b.yaml", "-q", "--max-warnings", "3"],
];

const NOT_PLAIN = [
  [],
  ["--help"],
  ["--version"],
  ["x"],
  ["--verbose", "lint"],
  ["lint", "--help"],
  ["lint", "-h"],
  ["lint", "--version"],
  ["lint", "--format", "xml"],
  ["lint", "--format"],
  ["lint", "--max-warnings", "-1"],
  ["lint", "--max-warnings", "1.5"],
  ["lint", "--max-warnings", "007"],
  ["lint", "--max-warnings", "many"],
  ["lint", "-q", "true"],
  ["lint", "--quiet=false"],
  ["lint", "--no-quiet"],
  ["lint", "--maxWarnings", "2"],
  ["lint", "--format", "json", "--format", "sarif"],
  ["lint", "--", "smtpcfg.yaml"],
  ["lint", "-qf", "json"],
  ["lint", "--unknown"],
  ["lint", "-x"],
  ["lint", "123"],
  ["lint", "1.yaml"],
  ["lint", "true"],
  ["lint", ""],
  ["lint", "-"],
  ["lint", "--config", "-x"],
  ["lint", "--config"],
  ["lint", "--config="],
  ["lint", "--config", "0"],
];

describe("plain lint command lines, read without yargs", () => {
  it.each(PLAIN.map((argv) => [argv]))("gives the lint command what yargs gives it: %j", async (argv) => {
    const plain = parseLintArgv(argv);
    const fromYargs = (await yargsArguments(argv)) as unknown as Record<string, unknown>;
    expect(plain).toBeDefined();
    expect(fromYargs).toBeDefined();
    // yargs adds each option under its aliases and its kebab-case name too; the command reads the camelCase ones.
    const commandKeys = Object.keys(fromYargs).filter((key) => key.length > 1 && !key.includes("-") && !["$0", "verbose"].includes(key));
    expect(Object.keys(plain?.args ?? {}).sort()).toEqual(commandKeys.sort());
    expect(plain?.args).toStrictEqual(Object.fromEntries(commandKeys.map((key) => [key, fromYargs[key]])));
    expect(plain?.verbose).toBe(argv.includes("--verbose"));
  });

  it.each(NOT_PLAIN.map((argv) => [argv]))("leaves %j to yargs", (argv) => {
    expect(parseLintArgv(argv)).toBeUndefined();
  });
});
