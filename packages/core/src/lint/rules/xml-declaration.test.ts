import { testRule } from "../../../test/rule-tester.js";
import { settingsXml } from "../../../test/xml-samples.js";
import { xmlDeclaration } from "./xml-declaration.js";

const withDeclaration = (declaration: string) => settingsXml({ declaration });
const GOOD = '<?xml version="1.0" encoding="utf-8"?>\n';
const REJECTED = "so an XML parser rejects the whole file";

testRule(xmlDeclaration, {
  kind: "xml",
  valid: [
    settingsXml(),
    withDeclaration(""),
    withDeclaration('<?xml version="1.0"?>\n'),
    withDeclaration("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"),
    withDeclaration('<?xml version="1.0" encoding="utf-8"?>\n<!-- a comment after it is fine -->\n'),
  ],
  invalid: [
    {
      name: "the declaration of Omada's guide, ended with > instead of ?>",
      config: withDeclaration('<?xml version="1.0" encoding="utf-8">\n'),
      findings: [
        {
          line: 1,
          column: 37,
          message: `the XML declaration ends with ">" instead of "?>", ${REJECTED} (the sample in Omada's guide has this mistake); end it with "?>"`,
        },
      ],
      output: settingsXml(),
    },
    {
      name: 'a declaration ended with "/>"',
      config: withDeclaration('<?xml version="1.0" encoding="utf-8"/>\n'),
      findings: [{ line: 1, column: 37, message: `the XML declaration ends with "/>" instead of "?>", ${REJECTED}; end it with "?>"` }],
      output: settingsXml(),
    },
    {
      name: 'a declaration ended with "?" alone',
      config: withDeclaration('<?xml version="1.0" encoding="utf-8"?\n'),
      findings: [{ line: 1, column: 37, message: `the XML declaration ends with "?" instead of "?>", ${REJECTED}; end it with "?>"` }],
      output: settingsXml(),
    },
    {
      name: "a declaration never closed, the root on the next line",
      config: withDeclaration('<?xml version="1.0" encoding="utf-8"\n'),
      findings: [{ line: 1, column: 1, message: `the XML declaration is never closed with "?>", ${REJECTED}; end it with "?>"` }],
      output: settingsXml(),
    },
    {
      name: "blank lines before the declaration",
      config: `\n\n${settingsXml()}`,
      findings: [
        {
          line: 3,
          column: 1,
          message: `the XML declaration is not at the very start of the file: blank lines come before it, where XML allows nothing, ${REJECTED}; remove them`,
        },
      ],
      output: settingsXml(),
    },
    {
      name: "spaces before the declaration, which also lacks its ?",
      config: `  ${withDeclaration('<?xml version="1.0">\n')}`,
      findings: [
        { line: 1, column: 3, message: /^the XML declaration is not at the very start of the file: spaces come before it/ },
        { line: 1, column: 22, message: /^the XML declaration ends with ">" instead of "\?>"/ },
      ],
      output: withDeclaration('<?xml version="1.0"?>\n'),
    },
    {
      name: "a comment before the declaration, which cannot be moved safely",
      config: `<!-- settings -->\n${settingsXml()}`,
      findings: [
        {
          line: 2,
          column: 1,
          message:
            "the XML declaration is not at the very start of the file: XML allows nothing before it, not even a comment; move it to the first line",
        },
      ],
    },
    {
      name: "a declaration without a version",
      config: withDeclaration('<?xml encoding="utf-8"?>\n'),
      findings: [{ line: 1, column: 1, message: 'the XML declaration has no version: it must start with <?xml version="1.0"' }],
    },
    {
      name: "a declaration of version 2.0",
      config: withDeclaration('<?xml version="2.0"?>\n'),
      findings: [{ line: 1, column: 1, message: 'the XML declaration\'s version must be "1.0"' }],
    },
    {
      name: "a declaration in upper case",
      config: withDeclaration('<?XML version="1.0"?>\n'),
      findings: [{ line: 1, column: 1, message: /^the XML declaration must be written "<\?xml", in lower case/ }],
    },
    {
      name: "a second declaration, pasted twice",
      config: withDeclaration(`${GOOD}${GOOD}`),
      findings: [
        { line: 2, column: 1, message: "a second XML declaration (line 2): a file has at most one, at its very start; remove this one" },
      ],
    },
    {
      name: "a declaration with a misspelt part",
      config: withDeclaration('<?xml version="1.0" encodng="utf-8"?>\n'),
      findings: [
        {
          line: 1,
          column: 1,
          message:
            'the XML declaration is malformed: only version, encoding and standalone may appear in it, in that order; write it as <?xml version="1.0" encoding="utf-8"?>',
        },
      ],
    },
    {
      name: "a declaration with an unquoted value, which ends all the same",
      config: withDeclaration('<?xml version="1.0" encoding=utf-8?>\n'),
      findings: [{ line: 1, column: 1, message: /^the XML declaration is malformed: its values must be in quotes/ }],
    },
    {
      name: "an encoding name with a space",
      config: withDeclaration('<?xml version="1.0" encoding="utf 8"?>\n'),
      findings: [{ line: 1, column: 1, message: /^the XML declaration's encoding is not an encoding name/ }],
    },
  ],
});
