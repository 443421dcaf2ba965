import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/**
 * Saves a browser test's screenshot under test-output/. With FIPSLINT_UPDATE_SCREENSHOTS=1
 * (`npm run screenshots`) it also replaces the README image it stands for, so README's pictures
 * are always what the tests saw, and a plain `npm test` never dirties the working tree.
 */
export function saveScreenshot(png: Buffer, testOutput: string, readmeImage?: string): void {
  fs.mkdirSync(path.dirname(testOutput), { recursive: true });
  fs.writeFileSync(testOutput, png);
  if (readmeImage && process.env.FIPSLINT_UPDATE_SCREENSHOTS === '1') fs.writeFileSync(path.join(ROOT, 'images', readmeImage), png);
}
