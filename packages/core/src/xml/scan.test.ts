import { describe, expect, it } from "vitest";
import { attribute } from "./document.js";
import { decodeEntities, scan, scanXml } from "./scan.js";

const NS = "http://schemas.omada.net/ois/2022/NotificationSettingsML";

describe("scanXml", () => {
  it("reads elements, namespaces and attributes with the spans of names and raw values", () => {
    const text = `<?xml version="1.0"?>\n<notificationSettings xmlns="${NS}"><smtp><network host='a&amp;b' port="587"/></smtp></notificationSettings>`;
    const document = scanXml(text);
    expect(document.elements.map((e) => [e.name, e.namespace, e.parent?.name])).toEqual([
      ["notificationSettings", NS, undefined],
      ["smtp", NS, "notificationSettings"],
      ["network", NS, "smtp"],
    ]);
    const host = attribute(document.elements[2] as never, "host");
    expect(host?.value).toBe("a&b");
    expect(text.slice(host?.valueSpan.start, host?.valueSpan.end)).toBe("a&amp;b");
    expect(text.slice(host?.nameSpan.start, host?.nameSpan.end)).toBe("host");
    expect(document.declaration?.problem).toBeUndefined();
    expect(document.root?.name).toBe("notificationSettings");
  });

  it("recognises attributes written after the start tag's > followed by a stray />, and how to move them in", () => {
    const text = "<network>\n<azureAdClientCredentials>\nclientId=\"x\"\ntenantId='y'\n/>\n</network>";
    const document = scanXml(text);
    const [found] = document.attributesAsText;
    expect(found?.element.name).toBe("azureAdClientCredentials");
    expect(found?.element.attributes.map((a) => [a.name, a.value, a.recovered])).toEqual([
      ["clientId", "x", true],
      ["tenantId", "y", true],
    ]);
    expect(found?.fix).toEqual({ offset: text.indexOf(">", 10), length: 1, text: "" });
    // The element ended at the stray />: </network> closes network, not it.
    expect(document.elements.map((e) => e.parent?.name)).toEqual([undefined, "network"]);
  });

  it("recognises attributes as text closed by the element's end tag", () => {
    const text = '<a>\n  x="1"\n</a>';
    const [found] = scanXml(text).attributesAsText;
    expect(found?.fix).toEqual({ offset: 2, length: text.length - 2, text: '\n  x="1"/>' });
  });

  it("does not take ordinary text content for attributes", () => {
    expect(scanXml("<a>x = 1</a>").attributesAsText).toEqual([]);
    expect(scanXml('<a>x="1" and more</a>').attributesAsText).toEqual([]);
  });

  it("knows a declaration closed with > or never closed, and where ?> goes", () => {
    expect(scanXml('<?xml version="1.0" encoding="utf-8">\n<a/>').declaration?.problem?.fix).toEqual({ offset: 36, length: 0, text: "?" });
    expect(scanXml('<?xml version="1.0"\n<a/>').declaration?.problem?.fix).toEqual({ offset: 19, length: 0, text: "?>" });
  });

  it("keeps comments, and skips CDATA, DOCTYPE and processing instructions without taking them for elements", () => {
    const document = scanXml("<!DOCTYPE a [<!ENTITY e 'x>'>]><?pi <b/>?><a><![CDATA[<c/>]]><!-- d --></a>");
    expect(document.elements.map((e) => e.name)).toEqual(["a"]);
    expect(document.comments.map((c) => c.text)).toEqual([" d "]);
    expect(document.doctype).toEqual({ start: 0, end: 31 });
  });

  it("proves a plain text well-formed, or names the one mistake that keeps it from being", () => {
    expect(scan('<a b="&amp;"><c/></a>')).toMatchObject({ provenWellFormed: true, plainMistake: undefined });
    expect(scan('<a b="x&y"/>').plainMistake).toEqual({ kind: "ampersand", at: 7 });
    const endTag = scan("<a><b></c></a>").plainMistake;
    expect(endTag?.kind === "end tag" && [endTag.end, endTag.open.map((element) => element.name)]).toEqual([10, ["a", "b"]]);
    const unclosed = scan("<a><b/>\n").plainMistake;
    expect(unclosed?.kind === "unclosed" && unclosed.open.map((element) => element.name)).toEqual(["a"]);
    // Outside the plain subset nothing is known: the parser judges.
    expect(scan("<!DOCTYPE a><a>&x</a>")).toMatchObject({ provenWellFormed: false, plainMistake: undefined });
    expect(scan("<a><b></c></a>\u0001").plainMistake?.kind).toBe("end tag");
    expect(scan("<a>\u0001<b></c></a>").plainMistake).toBeUndefined();
  });

  it("never gives up on broken input", () => {
    for (const text of ["<", "<a", "<a b=", "<a b='", "</", "<!--", "<![CDATA[", "<?xml", "<a><b></a></b>", "<<>>", "<a x='1' / >"]) {
      expect(() => scanXml(text)).not.toThrow();
    }
  });
});

describe("decodeEntities", () => {
  it("decodes the predefined entities and character references, and keeps unknown ones as written", () => {
    expect(decodeEntities("&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&nbsp;&#x110000;")).toBe("<>&\"'AB&nbsp;&#x110000;");
  });
});
