/** Where each rule's page lives; package.json's `homepage` must agree (a test checks it). */
export const PROJECT_URL = 'https://github.com/fipslint/fipslint';

export function ruleDocsUrl(ruleId: string): string {
  return `${PROJECT_URL}/blob/main/rules/${ruleId}/README.md`;
}
