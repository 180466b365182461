import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LintableConfig } from "../src/config/lintable.js";
import { loadConfig } from "../src/config/load.js";
import { lintFile } from "../src/lint/lint-file.js";
import type { FileKind } from "../src/lint/rule.js";
import { TEST_TODAY } from "./rule-tester.js";

// A hostile file can hold a value of megabytes where a GUID belongs. Whatever a message says about
// it, it quotes it shortened: output stays proportionate to the number of findings, not to the
// size of the file (a 9 MiB tenantId once made a 9 MiB message).
const root = join(import.meta.dirname, "../../..");
const read = (file: string) => readFileSync(join(root, file), "utf8");
const LONGEST_MESSAGE = 1_500;
const L = "a".repeat(100_000);
/** Long values shaped so that rules which recognise a shape (a URL, an address, a GUID inside) reach their longest messages. */
const LONG_VALUES = [
  L,
  `https://login.microsoftonline.com/${L}/oauth2/v2.0/token`,
  `${L}@contoso.com`,
  `"Omada ${L}" <omada-notify@contoso.com>`,
  `api://${L}/7a83471e-a8c7-4c06-8120-77b9aa56fa04`,
  `{${L}}`,
];
const config = loadConfig({ file: "smtpcfg.yaml", text: read("examples/smtpcfg.yaml"), bom: false }).yaml?.data as LintableConfig;

/** Every variant of a text with one match of `pattern` (its group 1) replaced by each long value. */
function variants(text: string, pattern: RegExp): { name: string; text: string }[] {
  return [...text.matchAll(pattern)].flatMap((match) => {
    const at = (match.index as number) + (match[0] as string).indexOf(match[1] as string);
    const end = at + (match[1] as string).length;
    return LONG_VALUES.map((value, index) => ({
      name: `${(match[1] as string).slice(0, 30)} at ${at} → long value ${index + 1}`,
      text: `${text.slice(0, at)}${value}${text.slice(end)}`,
    }));
  });
}

async function longestMessage(kind: FileKind, text: string, withConfig: boolean): Promise<number> {
  const diagnostics = await lintFile({ file: "file", text, bom: false }, kind, { today: TEST_TODAY, ...(withConfig ? { config } : {}) });
  return Math.max(0, ...diagnostics.map((diagnostic) => diagnostic.message.length));
}

describe("messages stay short whatever the length of what they quote", () => {
  const xml = read("examples/notificationSettings.xml");
  it.each(variants(xml, /="([^"]*)"/g))("notificationSettings, value $name", async ({ text }) => {
    expect(await longestMessage("xml", text, false)).toBeLessThanOrEqual(LONGEST_MESSAGE);
    expect(await longestMessage("xml", text, true)).toBeLessThanOrEqual(LONGEST_MESSAGE);
  });

  const names = [
    ["an element name", xml.replace(/<smtp>([\s\S]*)<\/smtp>/, `<smtp>$1</${L}>`)],
    ["an attribute name", xml.replace("clientId=", `${L}=`)],
    ["an attribute name, written twice", xml.replace("clientId=", `${L}="1" ${L}=`)],
    ["a namespace", xml.replace('xmlns="', `xmlns="${L}`)],
    ["a namespace prefix", xml.replace("<notificationSettings xmlns=", `<${L}:notificationSettings xmlns=`)],
    ["an entity reference", xml.replace("</smtp>", `&${L};</smtp>`)],
    [
      "a DOCTYPE's entities and DTD",
      xml.replace("<notificationSettings", `<!DOCTYPE n SYSTEM "${L}" [<!ENTITY ${L} SYSTEM "${L}">]>\n<notificationSettings`),
    ],
    ["a tag name cut by a bad character", xml.replace("<smtp>", `<sm${L}|tp>`)],
  ];
  it.each(names)("notificationSettings, %s", async (_name, text) => {
    expect(await longestMessage("xml", text as string, false)).toBeLessThanOrEqual(LONGEST_MESSAGE);
  });

  const yaml = read("examples/smtpcfg.yaml");
  it.each(variants(yaml, /^ *(?:- )?[A-Za-z]+: ([^\s{[#][^\n#]*?) *$/gm))("config, value $name", async ({ text }) => {
    expect(await longestMessage("config", text, false)).toBeLessThanOrEqual(LONGEST_MESSAGE);
  });

  const script = read("examples/exchange-online.ps1");
  it.each(variants(script, /'([^'\n]+)'/g))("script, string $name", async ({ text }) => {
    expect(await longestMessage("powershell", text, true)).toBeLessThanOrEqual(LONGEST_MESSAGE);
  });
});
