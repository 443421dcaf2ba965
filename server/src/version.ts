import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/**
 * fipslint's own version, from its package.json: the folder above this code when it runs from
 * `out/` (the CLI), from `dist/` (the bundled server) or from an installed extension.
 */
export function toolVersion(): string {
  if (cached) return cached;
  for (let dir = __dirname, depth = 0; depth < 6; dir = path.dirname(dir), depth++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'fipslint' && pkg.version) return (cached = pkg.version);
    } catch {
      // not here: one folder up
    }
  }
  return (cached = '0.0.0');
}
