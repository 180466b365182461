import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { generateConfig } from "../../../../bench/gen-config.mjs";
import { YAML_PIECES } from "../../test/fuzz/mutations.js";
import { parseBlockYaml } from "./block-yaml.js";
import type { DataPath } from "./data-path.js";
import { parsedText, parseWithYaml, parseYamlSource } from "./yaml-document.js";

// The fast path must agree with `yaml` on every text it accepts: the same data, the same positions
// for every path, and no error or warning from `yaml`. Everything it does not accept goes to `yaml` anyway, so declining is always
// safe; accepting wrongly is not. Hence: real files, tricky snippets, and many mutants of both.

const root = join(import.meta.dirname, "../../../..");

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

const files = [...yamlFiles(join(root, "fixtures")), ...yamlFiles(join(root, "examples"))].map((file) => ({
  file,
  text: readFileSync(file, "utf8"),
}));

/** Asserts the fast path's answer for `text`, and returns whether it accepted it. */
function agreesWithYaml(text: string): boolean {
  const fast = parseBlockYaml(text);
  if (fast === undefined) return false;
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, merge: true, logLevel: "error" });
  expect({ text, errors: document.errors.map((e) => e.message), warnings: document.warnings.map((e) => e.message) }).toEqual({
    text,
    errors: [],
    warnings: [],
  });
  expect({ text, data: fast.data }).toStrictEqual({ text, data: document.toJS() });
  const source = { file: "smtpcfg.yaml", text, bom: false };
  const quick = parseYamlSource(source);
  const slow = parseWithYaml(source);
  expect(slow.syntaxDiagnostics).toEqual([]);
  for (const path of pathsOf(fast.data)) {
    for (const key of [false, true]) {
      expect({ text, path, key, range: quick.locate(path, { key }) }).toEqual({ text, path, key, range: slow.locate(path, { key }) });
    }
  }
  return true;
}

/** Every path in the data, and paths just past it (a missing key, a missing item, a key of a scalar). */
function pathsOf(data: unknown, path: DataPath = []): DataPath[] {
  const paths: DataPath[] = [path, [...path, "missing"], [...path, 7]];
  const children: [string | number, unknown][] = Array.isArray(data)
    ? data.map((item, index) => [index, item])
    : data !== null && typeof data === "object"
      ? Object.entries(data)
      : [];
  for (const [segment, value] of children) paths.push(...pathsOf(value, [...path, segment]));
  return paths;
}

const SNIPPETS = [
  "a: 1\n",
  "a: 1",
  "---\na: 1\n",
  "--- # start\na: 1\n",
  "--- a: 1\n",
  "a: 1\n---\nb: 2\n",
  "a: 1\n...\n",
  "%YAML 1.2\n---\na: 1\n",
  "# only a comment\n",
  "",
  "a:\n",
  "a:\nb: 2\n",
  "a: ~\nb: null\nc: Null\nd: NULL\ne: nul\n",
  "a: true\nb: True\nc: TRUE\nd: tRUE\ne: yes\nf: no\ng: on\nh: off\ni: y\n",
  "a: 0\nb: -0\nc: +5\nd: 007\ne: 0o17\nf: 0x1F\ng: 0xg\nh: 1_000\ni: 12345678901234567890\n",
  "a: 1.5\nb: .5\nc: 5.\nd: 1e3\ne: -1.5E-3\nf: .inf\ng: -.Inf\nh: +.INF\ni: .nan\nj: .NaN\nk: 1.2.3\nl: 0.10\n",
  "a: 2099-05-31\nb: 2099-05-31T10:00:00Z\nc: 12:30\nd: 1:2:3\n",
  "a: -x\nb: .\nc: 5.e3\nd: +0o17\ne: 0o\nf: .e5\ng: +.inf\nh: -.NaN\ni: 1e\nj: 1e+\nk: -.5\nl: +5.\nm: 0x\nn: 0xG\no: 1.5e-3\np: .5E+2\nq: -0.0\nr: 0o8\ns: 00\nt: +\nu: 1e5.5\nv: 1.2.3\nw: .inf.\n",
  "a: b: c\n",
  "a: b:c\n",
  "a: http://example.com/x?y=1#z\n",
  "a: x # comment\nb: y#not a comment\n",
  "a: 'it''s'\nb: ''\nc: '#'\n",
  'a: "x\\ty\\n\\"\\\\\\/\\u00e9\\x41"\nb: ""\nc: "# not a comment"\n',
  'a: "\\q"\n',
  'a: "\\U0001F600"\n',
  'a: "unclosed\n',
  "a: 'unclosed\n",
  'a: "x" y\n',
  'a: "x"# c\n',
  'a: "x" # c\n',
  "\"quoted key\": 1\n'single': 2\n",
  '"a":1\n',
  "a : 1\n",
  "a:1\n",
  "a b: 1\n",
  "1: x\n",
  "true: x\n",
  "null: x\n",
  "~: x\n",
  "<<: {a: 1}\n",
  "__proto__: x\nconstructor: y\ntoString: z\nhasOwnProperty: 1\n",
  "a: 1\na: 2\n",
  "a: 1\n'a': 2\n",
  "a: {b: 1, b: 2}\n",
  "a:\n  b: 1\n  c:\n    d: [x, y]\n",
  "a:\n  b: 1\n c: 2\n",
  "a:\n  b: 1\n   c: 2\n",
  "a:\n- 1\n- 2\nb: 3\n",
  "a:\n  - 1\n  - 2\n",
  "a:\n  - 1\n  b: 2\n",
  "a:\n  - 1\n - 2\n",
  "- a\n- b\n",
  "- a\nb: 1\n",
  "-\n- a\n-\n  b: 1\n",
  "- - a\n",
  "- a: 1\n  b: 2\n- c: 3\n",
  "-   a: 1\n    b: 2\n",
  "- a: 1\n   b: 2\n",
  "- a: 1\n b: 2\n",
  "- a:\n  - 1\n- b\n",
  "- a:\n- b\n",
  "- # comment\n  a: 1\n",
  "a: # comment\n  b: 1\n",
  "a:\n# comment at column 0\n  b: 1\n",
  "a:\n\n\n  b: 1\n",
  "a: x\n  y\n",
  "a: x\n  # comment\nb: 1\n",
  "- x\n  y\n",
  "a:\n  x\n",
  "a: - x\n",
  "a: -x\n",
  "a: -\n",
  "a: ?x\n",
  "a: :x\n",
  "a: &x 1\nb: *x\n",
  "a: !!str 1\n",
  "a: |\n  text\n",
  "a: >\n  text\n",
  "a: @x\n",
  "a: `x\n",
  "a: %x\n",
  "a: ,x\n",
  "a: x]\nb: x}\nc: x,y\nd: x[0]\n",
  "a: [x, y]\nb: []\nc: {}\nd: { e: f, g: [h, 'i', \"j\"] }\ne: [[1, 2], {k: v}]\n",
  "a: [x, y,]\n",
  "a: [x,, y]\n",
  "a: [x, y\nb: 1\n",
  "a: [x,\n  y]\n",
  "a: [x: y]\n",
  "a: [x #c]\n",
  "a: [x] y\n",
  "a: [x]# c\n",
  "a: [x] # c\n",
  "a: {x}\n",
  "a: {x: }\n",
  "a: {x:y}\n",
  'a: {"x":y}\n',
  "a: {{x}}\n",
  "a: [-1, -x, - x]\n",
  "a: [-1, -x]\n",
  "a: [a b, c  d ]\n",
  "a: x  \nb: y\t\n",
  "a:\tx\n",
  "a: x\r\nb:\r\n  - y\r\n",
  "a: x\rb: y\n",
  "\ufeffa: x\n",
  "a: x\u2028y\n",
  "a: x\u0085y\n",
  "a: caf\u00e9 \u{1F600}\n",
  "a: \u00a0x\n",
  "  a: 1\n",
  "a: 1\n  # indented comment\nb: 2\n",
  `${"k".repeat(1100)}: 1\n`,
  `${"[".repeat(70)}${"]".repeat(70)}\n`,
  `a: ${"[".repeat(70)}${"]".repeat(70)}\n`,
];

describe("the fast YAML path", () => {
  it.each(files.map(({ file, text }) => [file.slice(root.length + 1), text]))("agrees with yaml on %s", (_, text) => {
    agreesWithYaml(text);
  });

  it("reads the examples, the clean fixtures and generated configs itself (all but those with anchors; lone CRs made LFs first)", () => {
    const clean = files.filter(({ file }) => /[/\\](ok|examples)[/\\]/.test(file) || file.endsWith(join("examples", "smtpcfg.yaml")));
    const plain = clean.filter(({ text }) => !/^\s*(- )?(&|<<:)|: &/m.test(text));
    expect(plain.length).toBeGreaterThan(3);
    for (const { text } of plain) expect(agreesWithYaml(parsedText(text))).toBe(true);
    for (const seed of [1, 2, 3]) expect(agreesWithYaml(generateConfig({ tenants: 20, seed }))).toBe(true);
  });

  it.each(SNIPPETS)("agrees with yaml on %j", (text) => {
    agreesWithYaml(text);
  });

  it("agrees with yaml on thousands of mutated configs", () => {
    let state = 12345;
    const random = (n: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 8) % n;
    };
    const sources = [...SNIPPETS.filter((s) => s.length > 4), ...files.map((f) => f.text).slice(0, 40)];
    let accepted = 0;
    for (let round = 0; round < 4000; round++) {
      let text = sources[random(sources.length)] as string;
      for (let edits = 1 + random(3); edits > 0; edits--) {
        const at = random(text.length + 1);
        const lines = text.split("\n");
        const line = random(lines.length);
        switch (random(5)) {
          case 0:
            text = text.slice(0, at) + (YAML_PIECES[random(YAML_PIECES.length)] as string) + text.slice(at);
            break;
          case 1:
            text = text.slice(0, at) + text.slice(at + 1 + random(3));
            break;
          case 2:
            lines.splice(line, 0, lines[random(lines.length)] as string);
            text = lines.join("\n");
            break;
          case 3:
            lines[line] = random(2) ? ` ${lines[line]}` : (lines[line] as string).replace(/^ /, "");
            text = lines.join("\n");
            break;
          default:
            lines.splice(line, 1);
            text = lines.join("\n");
        }
      }
      if (agreesWithYaml(text)) accepted++;
    }
    // Enough mutants are still plain block YAML for the comparison to mean something.
    expect(accepted).toBeGreaterThan(500);
  });
});
