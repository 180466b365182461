import { testRule } from "../../../test/rule-tester.js";
import { CREDENTIALS, settingsXml } from "../../../test/xml-samples.js";
import { xmlDoctype } from "./xml-doctype.js";

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';
const withDoctype = (doctype: string) => settingsXml({ declaration: `${DECLARATION}${doctype}` });
const WHY =
  "a notificationSettings file needs none, and a document type definition is how entity-expansion (billion laughs) and external-entity (XXE) attacks reach the XML reader that opens the file";
const secretReference = settingsXml({
  declaration: `${DECLARATION}<!DOCTYPE notificationSettings [\n  <!ENTITY secret "s3cr3t-value">\n]>\n`,
  credentials: `<azureAdClientCredentials ${CREDENTIALS.join(" ").replace('"{{SMTP_CLIENT_SECRET}}"', '"&secret;"')} />`,
});

testRule(xmlDoctype, {
  kind: "xml",
  valid: [settingsXml(), withDoctype("<!-- a comment that mentions <!DOCTYPE html> is no DOCTYPE -->\n")],
  invalid: [
    {
      name: "a DOCTYPE that declares nothing",
      config: withDoctype("<!DOCTYPE notificationSettings>\n"),
      findings: [{ line: 2, column: 1, message: `a <!DOCTYPE>: ${WHY}; remove it` }],
      output: settingsXml(),
    },
    {
      name: "a DOCTYPE that loads an external DTD (SYSTEM)",
      config: withDoctype('<!DOCTYPE notificationSettings SYSTEM "file:///etc/passwd">\n'),
      findings: [{ line: 2, column: 1, message: `a <!DOCTYPE> that loads an external DTD from "file:///etc/passwd": ${WHY}; remove it` }],
      output: settingsXml(),
    },
    {
      name: "a DOCTYPE that loads an external DTD (PUBLIC), ended with CRLF",
      config: withDoctype('<!DOCTYPE notificationSettings PUBLIC "-//Contoso//DTD//EN" "http://127.0.0.1:9/x.dtd">\r\n'),
      findings: [
        { line: 2, column: 1, message: `a <!DOCTYPE> that loads an external DTD from "http://127.0.0.1:9/x.dtd": ${WHY}; remove it` },
      ],
      output: settingsXml(),
    },
    {
      name: "a DOCTYPE over lines ended by a lone CR, removed with its line break",
      config: withDoctype('<!DOCTYPE notificationSettings [\r  <!ENTITY a "x">\r]>\r'),
      findings: [{ line: 2, column: 1, message: `a <!DOCTYPE> that declares the entity "a": ${WHY}; remove it` }],
      output: settingsXml(),
    },
    {
      name: "entities declared and never used: removed with their internal subset",
      config: withDoctype('<!DOCTYPE notificationSettings [\n  <!ENTITY a "x">\n  <!ENTITY b SYSTEM "file:///etc/hostname">\n]>\n'),
      findings: [
        {
          line: 2,
          column: 1,
          message: `a <!DOCTYPE> that declares 2 entities ("a" and "b") and makes an XML reader fetch "file:///etc/hostname": ${WHY}; remove it`,
        },
      ],
      output: settingsXml(),
    },
    {
      name: "an entity used in a value: not removed, since the reference would be left undefined",
      config: secretReference,
      findings: [
        {
          line: 2,
          column: 1,
          message: `a <!DOCTYPE> that declares the entity "secret": ${WHY}; replace each reference to its entities (such as the reference to "secret" on line 8) with the text you mean, then remove it (--fix does not: the references would be left undefined)`,
        },
      ],
    },
    {
      name: "a long list of entities, counted rather than listed",
      config: withDoctype(
        `<!DOCTYPE notificationSettings [${["a", "b", "c", "d", "e"].map((name) => `<!ENTITY ${name} "x">`).join("")}]>\n`,
      ),
      findings: [{ line: 2, column: 1, message: `a <!DOCTYPE> that declares 5 entities ("a", "b", "c" and 2 more): ${WHY}; remove it` }],
      output: settingsXml(),
    },
    {
      name: "a DOCTYPE inside the root element: left to the user, as removing it could join what is around it",
      config: settingsXml().replace("<smtp>", "<smtp><!DOCTYPE smtp>"),
      findings: [
        {
          line: 3,
          column: 9,
          message: `a <!DOCTYPE>: ${WHY}; remove it (it comes after the root element starts, where a DOCTYPE does not belong, so --fix leaves it to you)`,
        },
      ],
    },
    {
      name: "a DOCTYPE the file ends inside: left to the user",
      config: `${DECLARATION}<!DOCTYPE notificationSettings [\n  <!ENTITY a "x">\n`,
      findings: [
        {
          line: 2,
          column: 1,
          message: `a <!DOCTYPE> that declares the entity "a": ${WHY}; remove it (the file ends inside it, so --fix leaves it to you)`,
        },
      ],
    },
  ],
});
