import { fileURLToPath, pathToFileURL } from 'node:url';

/** file: URIs as VS Code writes them (lower-case drive letters on Windows do not matter here). */
export const URI = {
  fromPath(path: string): string {
    return pathToFileURL(path).href;
  },
  /**
   * The local path of a file: URI; undefined for other schemes (untitled:, vscode-notebook-cell:)
   * and for a file: URI naming another host (`file://server/share/x.ts` on Linux or macOS), which
   * has no local path: such a document is linted from its text alone.
   */
  toPath(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  },
  /** The host a file: URI names, when it names one other than this machine. */
  remoteHost(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    try {
      const host = new URL(uri).hostname;
      return host && host !== 'localhost' && URI.toPath(uri) === undefined ? host : undefined;
    } catch {
      return undefined;
    }
  },
};
