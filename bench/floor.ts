import * as fs from 'node:fs';
import { ts } from 'ts-morph';
import { RELEVANT_TEXT } from '../server/src/engine/apis';

/**
 * The parse-only floor: read every file of the list and build its syntax tree with the same
 * TypeScript parser fipslint uses, and nothing else. Run as its own process, like the CLI.
 * `--precheck`: read every file and run only fipslint's text pre-check on it (what a scan costs
 * for the files it never parses).
 */
const [listFile, mode] = process.argv.slice(2);
const files = JSON.parse(fs.readFileSync(listFile, 'utf8')) as string[];
let count = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  if (mode === '--precheck') count += RELEVANT_TEXT.test(text) ? 1 : 0;
  else count += ts.createSourceFile(file, text, ts.ScriptTarget.Latest).statements.length;
}
process.stdout.write(JSON.stringify({ files: files.length, count }) + '\n');
