import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { shellWord } from "./shell-word.js";

describe("shellWord", () => {
  it("leaves a plain word as it is", () => {
    for (const word of ["smtpcfg.yaml", "configs/prod.smtpcfg.yaml", "../a-b_c@d%e+f=g:h,i"]) expect(shellWord(word)).toBe(word);
  });

  it("quotes any other word so that sh reads it back as it was", () => {
    const words = ["my configs/prod.yaml", "it's.yaml", "$HOME", "a;b", "*.yaml", "x\ny", "prod (eu).yaml", "ü é.yaml", "", "'"];
    const script = `printf '%s\\0' ${words.map(shellWord).join(" ")}`;
    expect(execFileSync("sh", ["-c", script], { encoding: "utf8" }).split("\0").slice(0, -1)).toEqual(words);
  });
});
