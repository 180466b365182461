import { existsSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeFolders } from "./make-folders.js";

const dir = () => mkdtempSync(join(tmpdir(), "smtpcfg-make-folders-"));
const codeOf = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
  }
  return "no error";
};

describe("makeFolders", () => {
  it("makes every missing folder, with the mode given, and leaves an existing one as it is", () => {
    const root = dir();
    makeFolders(join(root, "a/b/c"), 0o700);
    expect(statSync(join(root, "a/b/c")).isDirectory()).toBe(true);
    expect(statSync(join(root, "a")).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, "a/b/c")).mode & 0o777).toBe(0o700);
    makeFolders(join(root, "a/b/c"));
    makeFolders(root);
    expect(existsSync(join(root, "a/b/c"))).toBe(true);
  });

  it("refuses a file where a folder belongs, and a path below one, as mkdir does", () => {
    const root = dir();
    writeFileSync(join(root, "file"), "");
    expect(codeOf(() => makeFolders(join(root, "file")))).toBe("EEXIST");
    expect(codeOf(() => makeFolders(join(root, "file/sub")))).toBe("ENOTDIR");
  });

  it("says a link to nowhere leads nowhere (ENOENT)", () => {
    const root = dir();
    symlinkSync("missing/folder", join(root, "link"));
    expect(codeOf(() => makeFolders(join(root, "link/sub")))).toBe("ENOENT");
  });

  // procfs answers ENOENT to mkdir of any new name in /proc, which exists: Node 20's recursive
  // mkdirSync makes /proc again and again, forever. This one returns the error.
  it("returns the error of a file system that answers 'no such file' below a folder that exists (/proc)", () => {
    expect(existsSync("/proc/self")).toBe(true);
    expect(codeOf(() => makeFolders("/proc/smtpcfg-no-such-folder/sub"))).toBe("ENOENT");
  });
});
