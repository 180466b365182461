import fc from "fast-check";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import type { Node } from "web-tree-sitter";
import { fuzzParameters, fuzzTimeout } from "../../test/fuzz/parameters.js";
import type { SmtpcfgConfiguration, Tenant } from "../config/model.js";
import validate from "../generated/validate-config.js";
import { powerShellParser } from "../powershell/grammar.js";
import { parsePowerShell } from "../powershell/parse.js";
import { generate } from "./generate.js";
import { psLiteral, unwritable, xmlAttribute } from "./literal.js";
import { unsafeName } from "./names.js";

const QUOTE_CHARACTERS = "'\u2018\u2019\u201A\u201B";
const isQuote = (character: string | undefined) =>
  character !== undefined && character.length === 1 && QUOTE_CHARACTERS.includes(character);

/**
 * A verbatim string as PowerShell's tokenizer reads it (ScanStringLiteral): any of the five
 * single quotes ends it, unless another single quote follows, which is then taken as text.
 * Returns the value and where the literal ends.
 */
function scanVerbatim(text: string, start = 0): { value: string; end: number } {
  if (!isQuote(text[start])) throw new Error("not a verbatim string");
  let value = "";
  for (let index = start + 1; index < text.length; index++) {
    const character = text[index] as string;
    if (isQuote(character)) {
      if (!isQuote(text[index + 1])) return { value, end: index + 1 };
      index++;
      value += text[index];
      continue;
    }
    value += character;
  }
  throw new Error("unterminated verbatim string");
}

/** Strings rich in what breaks quoting: every kind of quote, backticks, $(…), line breaks, entities, markup, emoji. */
const hostileString = (options: { minLength?: number; maxLength?: number } = {}) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(..."'\u2018\u2019\u201A\u201B\"\u201C\u201D`$(){}[]@#<>&;|\n\r\t\\/ -".split("")),
        fc.constantFrom(
          "$(Remove-Item C:\\)",
          "$\u007Bx}",
          "`n",
          "<#",
          "#>",
          "@'",
          "'@",
          "&amp;",
          "&#38;",
          "&x;",
          "]]>",
          "<!--",
          "{0}",
          "é",
          "😀",
          "\u200B",
        ),
        fc.string({ unit: "grapheme", maxLength: 4 }),
      ),
      { minLength: 1, maxLength: 12 },
    )
    .map((parts) => parts.join(""))
    .filter((value) => value.length >= (options.minLength ?? 1) && value.length <= (options.maxLength ?? 200));

/** The attributes of the first element of a document, as a conforming parser reads them. */
function attributesOf(xml: string): Record<string, string> {
  const parser = new SaxesParser();
  let attributes: Record<string, string> | undefined;
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    attributes ??= tag.attributes as Record<string, string>;
  });
  parser.write(xml).close();
  return attributes ?? {};
}

describe("psLiteral", () => {
  it("doubles every kind of single quote and nothing else", () => {
    expect(psLiteral("O'Brien’s ‘x’ ‚y‛")).toBe("'O''Brien’’s ‘‘x’’ ‚‚y‛‛'");
    expect(psLiteral('$(calc) `n "x" $\u007By}')).toBe("'$(calc) `n \"x\" $\u007By}'");
  });

  it("reads back as the exact value, as PowerShell's tokenizer reads it, and ends where the literal ends", {
    timeout: fuzzTimeout(2_000),
  }, () => {
    fc.assert(
      fc.property(fc.oneof(hostileString(), fc.string({ unit: "binary" })), (value) => {
        const literal = psLiteral(value);
        expect(scanVerbatim(`${literal} -Next 'x'`)).toEqual({ value, end: literal.length });
      }),
      fuzzParameters(2_000),
    );
  });
});

describe("xmlAttribute", () => {
  it("escapes an & that already looks like an entity", () => {
    expect(xmlAttribute("a&amp;b&#38;c&x;")).toBe('"a&amp;amp;b&amp;#38;c&amp;x;"');
  });

  it("keeps tabs and line breaks through attribute-value normalisation", () => {
    expect(attributesOf(`<a v=${xmlAttribute("x\ty\r\nz")}/>`)).toEqual({ v: "x\ty\r\nz" });
  });

  it("gives a conforming parser back the exact value of any string XML can carry", { timeout: fuzzTimeout(2_000) }, () => {
    fc.assert(
      fc.property(fc.oneof(hostileString(), fc.string({ unit: "binary" })), (value) => {
        fc.pre(unwritable(value, "xml") === undefined);
        expect(attributesOf(`<a v=${xmlAttribute(value)}/>`)).toEqual({ v: value });
      }),
      fuzzParameters(2_000),
    );
  });
});

describe("unwritable", () => {
  it("names control characters and unpaired surrogates, and lets tabs, line breaks and emoji through", () => {
    expect(unwritable("a\u0000b", "powershell")).toBe("holds a character (U+0000) that a PowerShell script cannot carry; remove it");
    expect(unwritable("a\uD800", "xml")).toBe("holds an unpaired surrogate (U+D800) that an XML file cannot carry; remove it");
    expect(unwritable("\uFFFE", "xml")).toMatch(/U\+FFFE/);
    expect(unwritable("\uFFFE", "powershell")).toBeUndefined();
    expect(unwritable("tab\tline\r\nemoji 😀", "xml")).toBeUndefined();
  });

  it("accepts exactly what a conforming XML parser accepts in an attribute", { timeout: fuzzTimeout(2_000) }, () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 8 }), (value) => {
        let parsed = true;
        try {
          attributesOf(`<a v=${xmlAttribute(value)}/>`);
        } catch {
          parsed = false;
        }
        expect(unwritable(value, "xml") === undefined).toBe(parsed);
      }),
      fuzzParameters(2_000),
    );
  });
});

// Whole files: arbitrary values the schema accepts, in every place a value goes, change nothing
// but the content of string literals (PowerShell) and attribute values (XML).

const GUIDS = ["7a83471e-a8c7-4c06-8120-77b9aa56fa04", "9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f", "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091"];
const FROM = { configName: "smtpcfg.yaml", sha256: "0".repeat(64) };

interface Values {
  tenantName: string;
  tenantId: string;
  appName: string;
  otherAppName: string;
  displayName: string;
  omadaName: string;
  address: string;
  otherAddress: string;
  clientSecret: string;
}

const BASELINE: Values = {
  tenantName: "tenant",
  tenantId: "tenant.example.com",
  appName: "app-a",
  otherAppName: "app-b",
  displayName: "Display",
  omadaName: "omada",
  address: "a@example.com",
  otherAddress: "b@example.com",
  clientSecret: "secret",
};

function configOf(values: Values): SmtpcfgConfiguration {
  return {
    version: 1,
    tenants: [
      {
        name: values.tenantName,
        tenantId: values.tenantId,
        apps: [
          {
            name: values.appName,
            displayName: values.displayName,
            clientId: GUIDS[0] as string,
            servicePrincipalObjectId: GUIDS[1] as string,
            credential: { clientSecret: values.clientSecret, expires: "2099-01-01" },
          },
          {
            name: values.otherAppName,
            displayName: values.displayName,
            clientId: GUIDS[2] as string,
            credential: { clientSecret: { env: "X" } },
          },
        ],
        mailboxes: [
          { address: values.address, app: values.appName, access: ["FullAccess", "SendAs"], smtpClientAuth: "inherit" },
          { address: values.otherAddress, app: values.otherAppName },
        ],
        omada: [{ name: values.omadaName, mailbox: values.address, secret: "inline" }],
      },
    ],
  };
}

const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/);
/** Slugs that can name a generated folder or file: not a Windows device name (con, nul, …), which generate refuses. */
const fileName = slug.filter((name) => unsafeName(name) === undefined);
const localPart = fc.stringMatching(/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,40}$/);
const values: fc.Arbitrary<Values> = fc
  .record({
    tenantName: fileName,
    tenantId: hostileString({ maxLength: 60 }),
    appName: slug,
    otherAppName: slug,
    displayName: hostileString({ maxLength: 120 }),
    omadaName: fileName,
    address: localPart.map((local) => `${local}@example.com`),
    otherAddress: localPart.map((local) => `${local}@example.org`),
    clientSecret: hostileString(),
  })
  .filter((v) => v.appName !== v.otherAppName && !/^[0-9a-f]{8}-/i.test(v.tenantId) && validate(configOf(v)));

/** Node types of a tree, with the text of every leaf but string literals, which become STRING; and the literals' values. */
function shape(root: Node): { skeleton: string[]; literals: string[] } {
  const skeleton: string[] = [];
  const literals: string[] = [];
  const visit = (node: Node) => {
    if (node.type === "verbatim_string_characters") {
      skeleton.push("STRING");
      literals.push(scanVerbatim(node.text).value);
      return;
    }
    skeleton.push(node.childCount === 0 ? `${node.type}:${node.text}` : node.type);
    for (const child of node.children) if (child) visit(child);
  };
  visit(root);
  return { skeleton, literals };
}

async function scriptShapes(config: SmtpcfgConfiguration) {
  const result = generate(config, { from: FROM, configDir: "/config", outDir: "/config/out" });
  expect(result.problems).toEqual([]);
  const parser = await powerShellParser();
  const scripts = result.files.filter((file) => file.kind !== "omada");
  // The lint's own reading of PowerShell's quoting rules (typographic quotes included) agrees.
  for (const file of scripts) expect((await parsePowerShell(file.text)).syntaxErrors, file.path).toEqual([]);
  return scripts.map((file) => {
    const tree = parser.parse(file.text);
    if (!tree) throw new Error("no tree");
    try {
      expect(tree.rootNode.hasError).toBe(false);
      return { path: file.path.replace(/^[^/]+/, "TENANT"), ...shape(tree.rootNode) };
    } finally {
      tree.delete();
    }
  });
}

describe("generated scripts with arbitrary values", () => {
  it("have the same syntax tree as with plain values, each value being one whole string literal", {
    timeout: fuzzTimeout(50),
  }, async () => {
    const baseline = await scriptShapes(configOf(BASELINE));
    expect(baseline.map((script) => script.path)).toEqual(["TENANT/01-entra-app.ps1", "TENANT/02-exchange-online.ps1"]);
    await fc.assert(
      fc.asyncProperty(values, async (v) => {
        const scripts = await scriptShapes(configOf(v));
        expect(scripts.map((script) => script.skeleton)).toEqual(baseline.map((script) => script.skeleton));
        const [entra, exchange] = scripts as [(typeof scripts)[number], (typeof scripts)[number]];
        for (const value of [v.tenantName, v.tenantId, v.appName, v.otherAppName, v.displayName]) expect(entra.literals).toContain(value);
        for (const value of [v.tenantName, v.tenantId, v.appName, v.displayName, v.address, v.otherAddress])
          expect(exchange.literals).toContain(value);
      }),
      fuzzParameters(50),
    );
  });
});

describe("generated notificationSettings with arbitrary values", () => {
  it("give a conforming parser back every value exactly, the secret included", { timeout: fuzzTimeout(1_000) }, () => {
    fc.assert(
      fc.property(values, hostileString(), hostileString(), (v, scope, smtpHost) => {
        fc.pre(unwritable(v.tenantId, "xml") === undefined && unwritable(v.clientSecret, "xml") === undefined);
        fc.pre(unwritable(scope, "xml") === undefined && unwritable(smtpHost, "xml") === undefined);
        const config = configOf(v);
        (config.tenants[0] as Tenant).endpoints = { scope, smtpHost, authority: "https://login.example.com/a?b=&amp;c" };
        const result = generate(config, { from: FROM, configDir: "/config", outDir: "/config/out", only: ["omada"] });
        expect(result.problems).toEqual([]);
        const [file] = result.files;
        expect(file?.secret).toBe("inline");
        const elements = elementsOf(file?.text ?? "");
        expect(elements.network).toEqual({ host: smtpHost, port: "587", secureSocketOptions: "StartTls" });
        expect(elements.azureAdClientCredentials).toEqual({
          instance: "https://login.example.com/a?b=&amp;c",
          clientId: GUIDS[0],
          clientSecret: v.clientSecret,
          tenantId: v.tenantId,
          userName: v.address,
          scopes: scope,
        });
      }),
      fuzzParameters(1_000),
    );
  });

  it("report a value XML cannot carry at its config key, without quoting it", () => {
    const config = configOf({ ...BASELINE, clientSecret: "top\u0001secret" });
    const result = generate(config, { from: FROM, configDir: "/config", outDir: "/config/out", only: ["omada"] });
    expect(result.files).toEqual([]);
    expect(result.problems).toEqual([
      {
        path: ["tenants", 0, "apps", 0, "credential", "clientSecret"],
        message: "holds a character (U+0001) that an XML file cannot carry; remove it",
      },
    ]);
  });
});

/** Every element's attributes, by element name, as a conforming parser reads them. */
function elementsOf(xml: string): Record<string, Record<string, string>> {
  const parser = new SaxesParser();
  const elements: Record<string, Record<string, string>> = {};
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    elements[tag.name] = tag.attributes as Record<string, string>;
  });
  parser.write(xml).close();
  return elements;
}
