import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import type { FileKind } from "../../src/lint/rule.js";
import { TEST_TODAY } from "../rule-tester.js";
import { checkInput } from "./checks.js";

// Inputs the fuzz targets once failed on, minimised: each must now pass every check a fuzz case
// does. They also seed the mutation corpus.
const root = join(import.meta.dirname, "../../../../fixtures/fuzz");
const FOLDERS: { folder: string; kind: FileKind }[] = [
  { folder: "config", kind: "config" },
  { folder: "xml", kind: "xml" },
  { folder: "ps1", kind: "powershell" },
];
const KINDS = FOLDERS.filter(({ folder }) => existsSync(join(root, folder)));

describe.each(KINDS)("fuzz regressions: $folder", ({ folder, kind }) => {
  const names = readdirSync(join(root, folder)).sort();
  it.each(names)("%s is linted and fixed without a throw, every finding inside it", async (name) => {
    await checkInput(kind, readFileSync(join(root, folder, name)), { today: TEST_TODAY });
  });
});
