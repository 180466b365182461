/**
 * More lines and flow items than this are not given to the `yaml` parser: a configuration of a
 * thousand tenants has some 40,000, and `yaml` takes seconds and hundreds of megabytes for every
 * hundred thousand nodes (a file of aliases or short items just under the input limit would take
 * minutes and gigabytes). The fast path (block-yaml.ts) reads plain configurations of any size.
 */
export const MAX_YAML_ITEMS = 200_000;

/**
 * The offset where the count of line breaks and commas passes the limit, or -1. Every YAML node
 * but the first needs one or the other before it (a list item, a key, a flow item), so this bounds
 * the nodes `yaml` would build, in one cheap pass.
 */
export function excessiveItemsAt(text: string, limit = MAX_YAML_ITEMS): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code === 0x0a || code === 0x2c) && ++count > limit) return i;
  }
  return -1;
}
