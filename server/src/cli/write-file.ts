import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Replace a file's content without ever leaving it half-written: write a temporary file beside
 * it with the same mode, then rename over it. If the file changed on disk since it was read
 * (`expected`), it is left alone and false is returned.
 */
export function writeFileAtomic(file: string, content: string, expected: string): boolean {
  const current = fs.readFileSync(file, 'utf8');
  if (current !== expected) return false;
  const { mode } = fs.statSync(file);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.fipslint-${process.pid}-${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temp, content, { mode });
    fs.chmodSync(temp, mode);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return true;
}
