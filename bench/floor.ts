import * as fs from 'node:fs';
import { ts } from 'ts-morph';

/**
 * The parse-only floor: read every file of the list and build its syntax tree with the same
 * TypeScript parser fipslint uses, and nothing else. Run as its own process, like the CLI.
 */
const files = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as string[];
let nodes = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
  nodes += sourceFile.statements.length;
}
process.stdout.write(JSON.stringify({ files: files.length, statements: nodes }) + '\n');
