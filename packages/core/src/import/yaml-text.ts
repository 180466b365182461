// A config as YAML text, written the way the docs write configs: block style, `[FullAccess]` and
// `{ env: NAME }` in flow style, plain scalars where YAML reads them back as the same string.
// import checks that the text parses back to the config it was made of.

type Value = string | number | boolean | readonly Value[] | { readonly [key: string]: Value | undefined };
type Mapping = { readonly [key: string]: Value | undefined };

/** Words some YAML readers take for booleans or null (YAML 1.1 included, for editors and yamllint). */
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;
const NUMBER_LIKE = /^[-+]?(?:\.?\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|\.inf|\.nan)$/i;
const DATE_LIKE = /^\d{4}-\d\d?-\d\d?(?:$|[Tt\s])/;
const PLAIN = /^[A-Za-z0-9_./][\w.@/+:-]*$/;

/** A string as a YAML scalar: plain when that reads back as the same string, else JSON's double quotes (valid YAML). */
export function yamlString(value: string): string {
  const plain = PLAIN.test(value) && !/:$/.test(value) && !RESERVED.test(value) && !NUMBER_LIKE.test(value) && !DATE_LIKE.test(value);
  return plain ? value : JSON.stringify(value);
}

function scalar(value: Value): string {
  if (typeof value === "string") return yamlString(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new Error("not a scalar");
}

const isScalar = (value: Value): value is string | number | boolean => typeof value !== "object";
const isMapping = (value: Value): value is Mapping => typeof value === "object" && !Array.isArray(value);

/** The lines of a mapping, each key at `indent`; the first line's indentation is left to the caller when `first` is given. */
function mappingLines(mapping: Mapping, indent: string): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(mapping)) {
    if (value === undefined) continue;
    if (isScalar(value)) lines.push(`${indent}${key}: ${scalar(value)}`);
    else if (Array.isArray(value) && value.every(isScalar)) lines.push(`${indent}${key}: [${value.map(scalar).join(", ")}]`);
    else if (isMapping(value) && key === "clientSecret" && Object.values(value).every((v) => v !== undefined && isScalar(v))) {
      const pairs = Object.entries(value).map(([k, v]) => `${k}: ${scalar(v as Value)}`);
      lines.push(`${indent}${key}: { ${pairs.join(", ")} }`);
    } else if (Array.isArray(value)) {
      lines.push(`${indent}${key}:`);
      for (const item of value) {
        if (!isMapping(item)) throw new Error("only lists of scalars or of mappings are written");
        const [head = "", ...rest] = mappingLines(item, `${indent}    `);
        lines.push(`${indent}  - ${head.trimStart()}`, ...rest);
      }
    } else if (isMapping(value)) {
      lines.push(`${indent}${key}:`, ...mappingLines(value, `${indent}  `));
    }
  }
  return lines;
}

/** The YAML text of a config, after a header of comment lines. */
export function yamlText(config: Mapping, header: readonly string[]): string {
  return [...header.map((line) => (line === "" ? "#" : `# ${line}`)), ...mappingLines(config, ""), ""].join("\n");
}
