import type { CollectionTag, ScalarTag, Tags } from "yaml";

/** The prefix of YAML's own tags: `!!float` is `tag:yaml.org,2002:float`. */
export const STANDARD_TAG = "tag:yaml.org,2002:";
const FLOAT = `${STANDARD_TAG}float`;
const TIMESTAMP = `${STANDARD_TAG}timestamp`;
const BOOL = `${STANDARD_TAG}bool`;

/** A tag as people write it: `!!float` for YAML's own tags, any other as it is. */
export function shortTag(tag: string): string {
  return tag.startsWith(STANDARD_TAG) ? `!!${tag.slice(STANDARD_TAG.length)}` : tag;
}

/**
 * YAML's tags whose values are not text, numbers, booleans, null, lists or mappings: `yaml` would
 * make them a Buffer, a Set or a Map, which no setting of a config takes and the schema would
 * describe by their methods. Each is a finding of its own, at the tag, and the value stays as written.
 */
const NOT_CONFIG_DATA: { name: string; what: string; collection?: "map" | "seq" }[] = [
  { name: "binary", what: "binary data" },
  { name: "set", what: "a set", collection: "map" },
  { name: "omap", what: "an ordered mapping", collection: "seq" },
  { name: "pairs", what: "a list of pairs", collection: "seq" },
];

function refusal(name: string, what: string): string {
  return `this value is tagged !!${name}, which YAML reads as ${what}; a config holds only text, numbers, true or false, lists and mappings: remove the tag`;
}

const refused: (ScalarTag | CollectionTag)[] = NOT_CONFIG_DATA.map(({ name, what, collection }) => {
  const tag = `${STANDARD_TAG}${name}`;
  if (collection === undefined) {
    return {
      tag,
      default: false,
      resolve: (value: string, onError: (message: string) => void) => {
        onError(refusal(name, what));
        return value;
      },
    } satisfies ScalarTag;
  }
  return {
    tag,
    collection,
    default: false,
    resolve: (value, onError) => {
      onError(refusal(name, what));
      return value;
    },
  } satisfies CollectionTag;
});

const isScalarTag = (tag: Tags[number]): tag is ScalarTag => typeof tag === "object" && !tag.collection;

/**
 * `!!float 1` is the number 1: YAML 1.2's float pattern includes whole numbers (only a plain `1`
 * without the tag is read as an integer), but `yaml` tries its float forms and reports the tag as
 * unresolved. Values no float form reads keep `yaml`'s report, worded in yaml-errors.ts.
 */
function explicitFloat(floats: readonly ScalarTag[]): ScalarTag {
  return {
    tag: FLOAT,
    default: false,
    resolve(value, onError, options) {
      const form = floats.find((tag) => tag.test?.test(value));
      if (form) return form.resolve(value, onError, options);
      if (/^[-+]?[0-9]+$/.test(value)) return Number.parseFloat(value);
      onError("Unresolved tag: tag:yaml.org,2002:float");
      return value;
    },
  };
}

/**
 * A date (a YAML 1.1 timestamp such as `2027-05-31` after `%YAML 1.1`, or `!!timestamp`) is read
 * as the text it is written as, as YAML 1.2 reads it: `expires` is text, not a JavaScript Date.
 */
function timestampAsText(test: RegExp | undefined): ScalarTag {
  return test
    ? { tag: TIMESTAMP, default: true, test, resolve: (value) => value }
    : { tag: TIMESTAMP, default: false, resolve: (value) => value };
}

/**
 * A boolean as YAML 1.2 reads one (true, false): YAML 1.1 also reads yes, no, on, off, y and n
 * as booleans, which would make `port: off` after `%YAML 1.1` the boolean false. Each boolean
 * tag keeps its own test, narrowed to the words 1.2 takes.
 */
function booleanAsIn12(tag: ScalarTag): ScalarTag {
  return tag.test ? { ...tag, test: new RegExp(`(?=^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$)${tag.test.source}`) } : tag;
}

/**
 * The tags every config is parsed with (YAML 1.2's core schema, or 1.1's after `%YAML 1.1`), so
 * that the data is only ever plain: see NOT_CONFIG_DATA, explicitFloat, timestampAsText and booleanAsIn12.
 */
export function configTags(tags: Tags): Tags {
  const replaced = new Set([TIMESTAMP, ...NOT_CONFIG_DATA.map(({ name }) => `${STANDARD_TAG}${name}`)]);
  const floats = tags.filter(isScalarTag).filter((tag) => tag.tag === FLOAT && tag.test !== undefined);
  const timestamp = tags.filter(isScalarTag).find((tag) => tag.tag === TIMESTAMP);
  const kept = tags
    .filter((tag) => typeof tag !== "object" || !replaced.has(tag.tag))
    .map((tag) => (isScalarTag(tag) && tag.tag === BOOL ? booleanAsIn12(tag) : tag));
  return [...kept, explicitFloat(floats), timestampAsText(timestamp?.test), ...refused];
}
