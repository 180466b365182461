/** Where the project's documentation lives; rule docs are `docs/rules/<id>.md` below it. */
export const PROJECT_URL = "https://github.com/smtpcfg/smtpcfg";

export function ruleDocsUrl(ruleId: string): string {
  return `${PROJECT_URL}/blob/main/docs/rules/${ruleId}.md`;
}
