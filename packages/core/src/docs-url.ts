/** Where the project's documentation lives; rule docs are `docs/rules/<id>.md` below it. */
export const PROJECT_URL = "https://github.com/smtpcfg/smtpcfg";

/** Each rule's URL, made once: every finding carries its rule's. */
const RULE_DOCS_URLS = new Map<string, string>();

export function ruleDocsUrl(ruleId: string): string {
  let url = RULE_DOCS_URLS.get(ruleId);
  if (url === undefined) {
    url = `${PROJECT_URL}/blob/main/docs/rules/${ruleId}.md`;
    RULE_DOCS_URLS.set(ruleId, url);
  }
  return url;
}
