import * as path from 'node:path';

/** Whether `file` is `folder` or below it (absolute, resolved paths; `/a/bc` is not inside `/a/b`). */
export function isInside(file: string, folder: string): boolean {
  return file === folder || file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}
