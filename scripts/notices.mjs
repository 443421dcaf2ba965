// Third-party notices: every package whose code ships with fipslint, with its licence text.
// The .vsix bundles (and minifies away the notices of) the packages esbuild's metafile names;
// the CLI runs on the production dependencies npm installs. Both lists are written here, from
// what was actually bundled or installed, so they cannot drift from the code they describe.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LICENSE_FILE = /^(licen[cs]e|copying|notice|third-?party-?notices)(\.|-|$)/i;

/**
 * Licence headers (`/*! ... *\/`) at the top of bundled files, by package folder: code a package
 * vendors from another project (TypeScript's compiler inside @ts-morph/common) carries its own.
 */
export const embeddedNotices = new Map();

/** The package folders (relative to the project, e.g. `node_modules/@scope/name`) that esbuild put in a bundle. */
export function bundledPackageDirs(metafile) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const parts = input.split('/');
    const last = parts.lastIndexOf('node_modules');
    if (last < 0) continue;
    const name = parts[last + 1]?.startsWith('@') ? parts.slice(last + 1, last + 3) : parts.slice(last + 1, last + 2);
    const dir = [...parts.slice(0, last + 1), ...name].join('/');
    dirs.add(dir);
    const head = fs.readFileSync(path.join(ROOT, input), 'utf8').slice(0, 4096);
    const legal = /^\s*\/\*!([\s\S]*?)\*\//.exec(head);
    if (legal) {
      const texts = embeddedNotices.get(dir) ?? new Set();
      texts.add(`Embedded in ${parts.slice(last + 1 + name.length).join('/')}:\n${legal[1].replace(/^\s*\**\s?/gm, '').trim()}`);
      embeddedNotices.set(dir, texts);
    }
  }
  return [...dirs];
}

/** The installed production dependencies (what `npm install --omit=dev` keeps), from package-lock.json. */
export function productionPackageDirs() {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
  return Object.entries(lock.packages ?? {})
    .filter(([dir, entry]) => dir && !entry.dev && !entry.optional && !entry.devOptional && fs.existsSync(path.join(ROOT, dir)))
    .map(([dir]) => dir);
}

/** One package: name, version, licence and the text of its licence and notice files. */
export function packageNotice(dir) {
  const absolute = path.join(ROOT, dir);
  const manifest = JSON.parse(fs.readFileSync(path.join(absolute, 'package.json'), 'utf8'));
  const license = typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? (manifest.licenses ?? []).map((l) => l.type).join(' OR ')) || 'UNKNOWN';
  const files = fs.readdirSync(absolute).filter((f) => LICENSE_FILE.test(f) && fs.statSync(path.join(absolute, f)).isFile()).sort();
  const texts = [...files.map((f) => fs.readFileSync(path.join(absolute, f), 'utf8').trim()), ...(embeddedNotices.get(dir) ?? [])];
  return { name: manifest.name, version: manifest.version, license, files, texts, homepage: manifest.homepage ?? (typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url) };
}

export function noticesText(title, dirs) {
  const seen = new Set();
  const notices = dirs
    .map(packageNotice)
    .filter((n) => (seen.has(`${n.name}@${n.version}`) ? false : seen.add(`${n.name}@${n.version}`)))
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const rule = '-'.repeat(78);
  const parts = [
    `${title}\n\nfipslint includes the following third-party packages (${notices.length}). Each is listed with\nits licence and the licence and notice files it ships.\n`,
    ...notices.map((n) =>
      [rule, `${n.name} ${n.version}`, `License: ${n.license}`, ...(n.homepage ? [`Source: ${n.homepage}`] : []), '', n.texts.length ? n.texts.join('\n\n') : `(the package ships no licence file; its package.json declares ${n.license})`, ''].join('\n'),
    ),
  ];
  return parts.join('\n');
}

export function writeNotices(file, title, dirs) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, noticesText(title, dirs));
}

// `node scripts/notices.mjs`: the CLI's notices, next to the compiled CLI (out/).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeNotices(path.join(ROOT, 'out', 'THIRD-PARTY-NOTICES.txt'), 'Third-party notices for the fipslint CLI (bin/fipslint.js and out/)', productionPackageDirs());
}
