import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { lintFile } from "../lint/lint-file.js";
import { parseXml } from "./parse.js";

// Mutations of a good file, as a hand-edit or a bad paste makes them: whatever comes out, the
// first pass never throws, a file a conforming parser accepts gets no syntax error, one it
// rejects gets one (or a recognised mistake that explains it), spans stay inside the text, and
// no message quotes the client secret.
const SECRET = "Zq8~sEcReT.vAlUe_42";
const GOOD = `<?xml version="1.0" encoding="utf-8"?>
<notificationSettings xmlns="http://schemas.omada.net/ois/2022/NotificationSettingsML">
  <!-- prod -->
  <smtp>
    <network host="smtp.office365.com" port="587" secureSocketOptions="StartTls">
      <azureAdClientCredentials
        instance="https://login.microsoftonline.com"
        clientId="7a83471e-a8c7-4c06-8120-77b9aa56fa04"
        clientSecret="${SECRET}"
        tenantId="2487abfa-47fc-4f60-8af4-2b857b17432c"
        userName="omada-notify@contoso.com"
        scopes="https://outlook.office365.com/.default" />
    </network>
  </smtp>
</notificationSettings>
`;
const PIECES = ["<", ">", "/", '"', "'", "&", "=", " ", "\n", "<!--", "-->", "</smtp>", "<network>", "?>", "]]>", "<![CDATA[", "x:"];

/** A small deterministic generator (mulberry32), so that a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * out.length);
    const kind = next();
    if (kind < 0.35) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 3));
    else if (kind < 0.75) out = out.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + out.slice(at);
    else if (kind < 0.9) out = out.slice(0, at);
    else out = out.slice(0, at) + out.slice(at, at + 20).toUpperCase() + out.slice(at + 20);
  }
  return out;
}

function wellFormed(text: string): boolean {
  let ok = true;
  const parser = new SaxesParser({ xmlns: true });
  parser.on("error", () => {
    ok = false;
  });
  try {
    parser.write(text).close();
  } catch {
    ok = false;
  }
  return ok;
}

const next = random(20261127);
const mutations = Array.from({ length: 400 }, () => mutate(GOOD, next));

describe("the first pass over malformed XML", () => {
  it("finds no syntax error in the good file", () => {
    expect(parseXml(GOOD).syntaxError).toBeUndefined();
  });

  it("agrees with the parser on what is well-formed, 400 mutations", () => {
    const disagreements: string[] = [];
    for (const text of mutations) {
      const document = parseXml(text);
      const recognised = document.declaration?.problem || document.declaration?.notAtStart?.fix || document.attributesAsText.length > 0;
      const error = document.syntaxError;
      if (error && (error.span.start < 0 || error.span.end > text.length || error.span.start > error.span.end))
        disagreements.push(`span: ${text}`);
      if (wellFormed(text) ? error !== undefined : error === undefined && !recognised) disagreements.push(text);
    }
    expect(disagreements).toEqual([]);
  });

  it("never quotes the client secret, whatever the mutation", async () => {
    const quoted: string[] = [];
    for (const text of mutations) {
      for (const diagnostic of await lintFile({ file: "n.xml", text, bom: false }, "xml")) {
        if (/Zq8|sEcReT|vAlUe/.test(diagnostic.message)) quoted.push(`${diagnostic.ruleId}: ${diagnostic.message}`);
      }
    }
    expect(quoted).toEqual([]);
  });
});
