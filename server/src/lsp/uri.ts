import { fileURLToPath, pathToFileURL } from 'node:url';

/** file: URIs as VS Code writes them (lower-case drive letters on Windows do not matter here). */
export const URI = {
  fromPath(path: string): string {
    return pathToFileURL(path).href;
  },
  toPath(uri: string): string | undefined {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  },
};
