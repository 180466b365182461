import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSecretFile } from "./secret-file.js";

const dir = mkdtempSync(join(tmpdir(), "smtpcfg-secret-file-"));
const configDir = join(dir, "configs");
mkdirSync(configDir);
writeFileSync(join(configDir, "app.secret"), "  s3cr3t-value\n");
writeFileSync(join(dir, "outside.secret"), "other-value\n");
symlinkSync(join(dir, "outside.secret"), join(configDir, "linked.secret"));
writeFileSync(join(configDir, "blank.secret"), " \n\t\n");
writeFileSync(join(configDir, "limit.secret"), "x".repeat(64 * 1024));
writeFileSync(join(configDir, "over.secret"), "x".repeat(64 * 1024 + 1));
writeFileSync(join(configDir, "latin1.secret"), Buffer.from("SECRETVALUE\xff\xfezz", "latin1"));
writeFileSync(join(configDir, "bom.secret"), "\ufeffs3cr3t-value\r\n");

describe("readSecretFile", () => {
  it.each([
    ["relative to the config, white space around it removed", "app.secret", "s3cr3t-value"],
    ["up out of the config's folder", "../outside.secret", "other-value"],
    ["by an absolute path", join(dir, "outside.secret"), "other-value"],
    ["through a symbolic link", "linked.secret", "other-value"],
    ["of exactly 64 KiB", "limit.secret", "x".repeat(64 * 1024)],
    ["in UTF-8 with a byte order mark and CRLF", "bom.secret", "s3cr3t-value"],
  ])("reads a file %s", (_what, file, value) => {
    expect(readSecretFile(file, configDir)).toEqual({ value });
  });

  it.each([
    ["empty but for white space", "blank.secret", "is empty"],
    ["over 64 KiB", "over.secret", "is larger than 64 KiB, too large for a secret or key"],
    ["that is not there", "missing.secret", "cannot be read (ENOENT)"],
    ["that is a folder", ".", "is a folder, not a file"],
    [
      "that is not UTF-8 (read as it is, its bytes would become another secret)",
      "latin1.secret",
      "is not UTF-8 text: a secret file holds the secret as text, and a certificate or key file is PEM (BEGIN … lines)",
    ],
  ])("says why it cannot use a file %s, never what it holds", (_what, file, problem) => {
    expect(readSecretFile(file, configDir)).toEqual({ problem });
  });
});
