import { isAbsolute, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { displayFile } from "./relative.js";

/** What displayFile showed before it cut plain paths short: relative() for every path. */
function throughRelative(file: string, cwd: string): string {
  const shown = isAbsolute(file) ? relative(cwd, file) : file;
  const inside = shown !== "" && !shown.startsWith("..") && !isAbsolute(shown);
  return inside ? shown : file;
}

describe("displayFile", () => {
  it("shows a file below cwd relative to it, and any other as it is", () => {
    expect(displayFile("/srv/project/configs/a.xml", "/srv/project")).toBe("configs/a.xml");
    expect(displayFile("/srv/other/a.xml", "/srv/project")).toBe("/srv/other/a.xml");
    expect(displayFile("/srv/project/..a.xml", "/srv/project")).toBe("/srv/project/..a.xml");
    expect(displayFile("/a.xml", "/")).toBe("a.xml");
  });

  it("shows every path as relative() would, plain or with `.`, `..` and empty segments, in or out of cwd", () => {
    const segments = ["", "/", "a", ".", "..", "..a", "a..", ".a", "//", "/./", "/../"];
    const starts = ["", "/", "/srv", "/srv/", "/srv/project", "/srv/project/", "/srv/projects/", "srv/"];
    const cwds = ["/", "/srv", "/srv/", "/srv/project", "srv", "/srv/./project", "/srv//project", "/srv/..", "."];
    for (const cwd of cwds) {
      for (const start of starts) {
        for (const first of segments) {
          for (const second of segments) {
            const file = `${start}${first}${second}`;
            expect(displayFile(file, cwd), `${file} in ${cwd}`).toBe(throughRelative(file, cwd));
          }
        }
      }
    }
  });
});
