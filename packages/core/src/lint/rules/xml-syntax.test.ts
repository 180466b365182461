import { testRule } from "../../../test/rule-tester.js";
import { CREDENTIALS, NS, settingsXml } from "../../../test/xml-samples.js";
import { xmlSyntax } from "./xml-syntax.js";

const credentials = (...attributes: string[]) => `<azureAdClientCredentials ${attributes.join(" ")} />`;
const REJECTS = 'XML reads "&" as the start of a reference such as "&amp;", so a parser rejects the file; write a literal "&" as "&amp;"';

testRule(xmlSyntax, {
  kind: "xml",
  valid: [
    settingsXml(),
    `<notificationSettings xmlns="${NS}"><!-- a - is fine, and so is -> --><smtp/></notificationSettings>`,
    `<notificationSettings xmlns="${NS}"><smtp><![CDATA[ <not> & markup ]]></smtp></notificationSettings>\n<!-- after -->\n`,
    settingsXml({ network: 'host="smtp.office365.com" port="587" secureSocketOptions="StartTls" data-x="a &amp; b &#38; &#x26;"' }),
    `<o:notificationSettings xmlns:o="${NS}"><o:smtp/></o:notificationSettings>`,
  ],
  invalid: [
    {
      name: "an element closed by its parent's end tag, pointing at that end tag",
      config: `<notificationSettings xmlns="${NS}">\n  <smtp>\n    <network host="h" port="587">\n  </smtp>\n</notificationSettings>\n`,
      findings: [
        {
          line: 4,
          column: 3,
          message:
            '<network> (line 3) is never closed: </smtp> on line 4 ends <smtp> (line 2) around it first; add </network> before it, or end the start tag with "/>" if <network> has no content',
        },
      ],
    },
    {
      name: "a misspelt end tag, with the one it should be",
      config: `<notificationSettings xmlns="${NS}">\n  <smtp>\n  </smpt>\n</notificationSettings>\n`,
      findings: [
        {
          line: 3,
          column: 3,
          message:
            "end tag </smpt> does not match the element open here, <smtp> (line 2): an end tag repeats its start tag's name exactly (names are case-sensitive); write </smtp>, or correct the start tag",
        },
      ],
    },
    {
      name: "an end tag in another case",
      config: `<notificationSettings xmlns="${NS}">\n  <smtp>\n  </SMTP>\n</notificationSettings>\n`,
      findings: [
        {
          line: 3,
          column: 3,
          message: /^end tag <\/SMTP> does not match the element open here, <smtp> \(line 2\).*write <\/smtp>, or correct the start tag$/,
        },
      ],
    },
    {
      name: "an end tag after the root has ended",
      config: `<notificationSettings xmlns="${NS}">\n  <smtp/>\n</notificationSettings>\n</smtp>\n`,
      findings: [
        {
          line: 4,
          column: 1,
          message: "end tag </smtp> comes after the root element <notificationSettings> has ended, and matches no start tag: remove it",
        },
      ],
    },
    {
      name: "a file cut off after two start tags, at its last character",
      config: `<notificationSettings xmlns="${NS}">\n  <smtp>\n    <network host="h" port="587"/>\n`,
      findings: [
        {
          line: 3,
          column: 34,
          message:
            "the file ends while <smtp> (line 2) and <notificationSettings> (line 1) are still open: add </smtp></notificationSettings> at the end, or restore the end of the file if it was cut off",
        },
      ],
    },
    {
      name: "a file cut off inside an attribute value",
      config: `<notificationSettings xmlns="${NS}">\n  <smtp>\n    <network host="smtp.off`,
      findings: [
        {
          line: 3,
          column: 19,
          message: 'the value of host on <network> (line 3) has no closing quote: the file ends inside it; add the closing quote and ">"',
        },
      ],
    },
    {
      name: "a file cut off inside a comment",
      config: `<notificationSettings xmlns="${NS}">\n  <!-- the SMTP settings\n`,
      findings: [
        { line: 2, column: 3, message: 'the comment that starts on line 2 is never closed: the file ends inside it; end it with "-->"' },
      ],
    },
    {
      name: "an unquoted attribute value, without quoting it",
      config: settingsXml({ network: 'host="smtp.office365.com" port=587 secureSocketOptions="StartTls"' }),
      findings: [{ line: 4, column: 45, message: 'the value of port on <network> is not in quotes: XML needs port="…"' }],
    },
    {
      name: "a bare & in a secret, without quoting the secret",
      config: settingsXml({ credentials: credentials(...CREDENTIALS.slice(0, 2), 'clientSecret="abc&def"', ...CREDENTIALS.slice(3)) }),
      findings: [
        {
          line: 5,
          column: 143,
          message: `the value of clientSecret on <azureAdClientCredentials> has a "&" that starts no entity: ${REJECTS}`,
        },
      ],
    },
    {
      name: "an entity reference XML does not define, in a value, without quoting it",
      config: settingsXml({ credentials: credentials(...CREDENTIALS.slice(0, 2), 'clientSecret="abc&def;"', ...CREDENTIALS.slice(3)) }),
      findings: [
        {
          line: 5,
          column: 143,
          message: /^the value of clientSecret on <azureAdClientCredentials> has an entity reference XML does not define/,
        },
      ],
    },
    {
      name: "an HTML entity in text",
      config: `<notificationSettings xmlns="${NS}">&nbsp;<smtp/></notificationSettings>`,
      findings: [
        {
          line: 1,
          column: 88,
          message:
            '"&nbsp;" is an HTML entity, not an XML one (XML predefines only &amp;, &lt;, &gt;, &quot; and &apos;): write "&#160;" instead',
        },
      ],
    },
    {
      name: "a bare & in a comment-free text",
      config: `<notificationSettings xmlns="${NS}">\n  Contoso & Co\n  <smtp/>\n</notificationSettings>\n`,
      findings: [{ line: 2, column: 11, message: `a "&" that starts no entity (line 2): ${REJECTS}` }],
    },
    {
      name: "an attribute written twice, at the second",
      config: settingsXml({ network: 'host="smtp.office365.com" port="587"\n      port="25" secureSocketOptions="StartTls"' }),
      findings: [
        {
          line: 5,
          column: 7,
          message:
            "attribute port is written twice on <network> (first on line 4): XML allows each attribute once per element, so a parser rejects the file; keep the one you mean and remove the other",
        },
      ],
    },
    {
      name: "attributes without a space between them",
      config: settingsXml({ network: 'host="smtp.office365.com"port="587" secureSocketOptions="StartTls"' }),
      findings: [{ line: 4, column: 39, message: "attributes host and port on <network> need a space between them" }],
    },
    {
      name: "an attribute without a value",
      config: settingsXml({ network: 'host="smtp.office365.com" port="587" enableSsl secureSocketOptions="StartTls"' }),
      findings: [
        {
          line: 4,
          column: 51,
          message: 'attribute enableSsl on <network> has no value: XML needs enableSsl="…" (an attribute without "=" is HTML, not XML)',
        },
      ],
    },
    {
      name: "a value whose closing quote is missing",
      config: settingsXml({ network: 'host="smtp.office365.com port="587" secureSocketOptions="StartTls"' }),
      findings: [
        {
          line: 4,
          column: 14,
          message: "the value of host on <network> (line 4) does not end where it should: is a quote missing around it?",
        },
      ],
    },
    {
      name: "a value opened with one quote and closed with the other",
      config: settingsXml({ network: `host="smtp.office365.com' port="587" secureSocketOptions="StartTls"` }),
      findings: [
        {
          line: 4,
          column: 14,
          message: `the value of host on <network> (line 4) does not end where it should: it opens with " but seems to end with '; use the same quote on both sides`,
        },
      ],
    },
    {
      name: 'a "<" in an attribute value',
      config: settingsXml({ network: 'host="<smtp.office365.com>" port="587" secureSocketOptions="StartTls"' }),
      findings: [
        {
          line: 4,
          column: 14,
          message: 'the value of host on <network> holds a "<", which XML does not allow in attribute values: write it as "&lt;"',
        },
      ],
    },
    {
      name: "text after the root element",
      config: `${settingsXml()}</network>\n`
        .replace("</network>\n  </smtp>", "</network>\n  </smtp>")
        .replace(/<\/network>\n$/, "Thanks!\n"),
      findings: [
        {
          line: 15,
          column: 1,
          message: /^text after the end of the root element <notificationSettings> \(line 2\): an XML file has exactly one root element/,
        },
      ],
    },
    {
      name: "text before the root element",
      config: `Paste this:\n${settingsXml({ declaration: "" })}`,
      findings: [{ line: 1, column: 1, message: /^text before the root element: an XML file has exactly one root element/ }],
    },
    {
      name: "a second root element",
      config: `${settingsXml()}<smtp/>\n`,
      findings: [{ line: 15, column: 2, message: /^<smtp> is a second root element: <notificationSettings> \(line 2\) has already ended/ }],
    },
    {
      name: "an undeclared prefix",
      config: `<notificationSettings xmlns="${NS}"><o:smtp/></notificationSettings>`,
      findings: [{ line: 1, column: 89, message: /^the prefix o of <o:smtp> is not declared: declare it with xmlns:o="…"/ }],
    },
    {
      name: "two dashes inside a comment",
      config: `<notificationSettings xmlns="${NS}">\n  <!-- port 587 -- not 25 -->\n  <smtp/>\n</notificationSettings>\n`,
      findings: [
        { line: 2, column: 17, message: /^a comment holds "--" \(line 2\): XML allows two dashes in a comment only in its end "-->"/ },
      ],
    },
    {
      name: 'a "<" in text',
      config: `<notificationSettings xmlns="${NS}">\n  port < 1024\n  <smtp/>\n</notificationSettings>\n`,
      findings: [
        {
          line: 2,
          column: 8,
          message: 'a "<" followed by a space starts no tag: remove the space if it is a tag, or write a literal "<" as "&lt;"',
        },
      ],
    },
    {
      name: "a start tag left open before the next tag",
      config: settingsXml({
        network: 'host="smtp.office365.com" port="587" secureSocketOptions="StartTls"\n      <azureAdClientCredentials/',
      }),
      findings: [
        {
          line: 5,
          column: 7,
          message:
            'the start tag <network> (line 4) has no ">" or "/>" before the next "<" on line 5: end the tag where its attributes end',
        },
      ],
    },
    {
      name: 'an attribute without its "="',
      config: settingsXml({ network: 'host="smtp.office365.com" port"587" secureSocketOptions="StartTls"' }),
      findings: [{ line: 4, column: 40, message: 'attribute port on <network> has no "=" before its value: write port="…"' }],
    },
    {
      name: 'a lost "="" in the secret, without showing what ran into the name',
      config: settingsXml({ credentials: credentials(...CREDENTIALS.slice(0, 2), 'clientSecretZq8.sEcReT"', ...CREDENTIALS.slice(3)) }),
      findings: [
        {
          line: 5,
          column: 126,
          message: 'attribute clientSecret… on <azureAdClientCredentials> has no "=" before its value: write clientSecret…="…"',
        },
      ],
    },
    {
      name: "a character that ends a tag name",
      config: `<notificationSettings xmlns="${NS}"><smtp;/></notificationSettings>`,
      findings: [{ line: 1, column: 93, message: /^unexpected ";" in the tag name <smtp…: a name holds only letters/ }],
    },
    {
      name: 'an end tag "</" without a name',
      config: `<notificationSettings xmlns="${NS}"><smtp></ smtp></notificationSettings>`,
      findings: [
        {
          line: 1,
          column: 94,
          message: '"</" starts no end tag: an end tag is "</" followed directly by the element\'s name, here </smtp>',
        },
      ],
    },
    {
      name: 'a "<!" that starts nothing',
      config: `<notificationSettings xmlns="${NS}"><!- note -><smtp/></notificationSettings>`,
      findings: [{ line: 1, column: 88, message: /^"<!" starts no comment, CDATA section or DOCTYPE \(line 1\)/ }],
    },
    {
      name: "an empty file",
      config: "",
      findings: [
        {
          line: 1,
          column: 1,
          message: "the file is empty: a notificationSettings file is one <notificationSettings> element holding the settings",
        },
      ],
    },
    {
      name: "a file with only a declaration",
      config: '<?xml version="1.0" encoding="utf-8"?>\n',
      findings: [{ line: 1, column: 1, message: /^the file has no root element/ }],
    },
    {
      name: "a control character",
      config: `<notificationSettings xmlns="${NS}">\u0007<smtp/></notificationSettings>`,
      findings: [{ line: 1, column: 88, message: /^a character XML does not allow \(U\+0007, line 1\)/ }],
    },
    {
      name: "an end tag with an attribute",
      config: `<notificationSettings xmlns="${NS}"><smtp></smtp x="1"></notificationSettings>`,
      findings: [
        {
          line: 1,
          column: 94,
          message: "the end tag </smtp> holds more than the element's name: end tags have no attributes; write </smtp>",
        },
      ],
    },
  ],
});
