import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS_PACKAGES, packageFolder } from './corpus';

/**
 * A project whose installed tree is the bench corpus: package.json naming the 30 corpus packages,
 * an npm v3 lockfile with their pinned versions and integrity, node_modules holding their files
 * (hard links to the unpacked corpus, so no copy), and one module that loads a few of them.
 */

/** Bump when the project's layout changes, so it is rebuilt. */
const DEPS_PROJECT_LAYOUT = 1;

export interface DepsProject {
  root: string;
  /** The corpus folders holding the same files as node_modules: what a normal scan of the same files is given. */
  packageFolders: string[];
}

export function ensureDepsProject(cacheDir: string, corpusRoot: string): DepsProject {
  const root = path.join(cacheDir, `deps-project-v${DEPS_PROJECT_LAYOUT}`);
  const packageFolders = CORPUS_PACKAGES.map(({ spec }) => path.join(corpusRoot, packageFolder(spec)));
  if (fs.existsSync(path.join(root, '.complete'))) return { root, packageFolders };
  fs.rmSync(root, { recursive: true, force: true });
  const lockPackages: Record<string, unknown> = {};
  const dependencies: Record<string, string> = {};
  for (const [index, { spec, integrity }] of CORPUS_PACKAGES.entries()) {
    const at = spec.lastIndexOf('@');
    const name = spec.slice(0, at);
    const version = spec.slice(at + 1);
    dependencies[name] = `^${version}`;
    lockPackages[`node_modules/${name}`] = { version, resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`, integrity };
    linkTree(packageFolders[index], path.join(root, 'node_modules', ...name.split('/')));
  }
  const manifest = { name: 'bench-deps-project', version: '1.0.0', private: true, dependencies };
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  fs.writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify({ name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages: { '': manifest, ...lockPackages } }, null, 2) + '\n');
  fs.mkdirSync(path.join(root, 'src'));
  fs.writeFileSync(
    path.join(root, 'src', 'index.js'),
    ["const { Pool } = require('pg');", "const mysql = require('mysql2');", "const { MongoClient } = require('mongodb');", "const jwt = require('jsonwebtoken');", "const forge = require('node-forge');", 'module.exports = { Pool, mysql, MongoClient, jwt, forge };', ''].join('\n'),
  );
  fs.writeFileSync(path.join(root, '.complete'), '');
  return { root, packageFolders };
}

/** Same files, no copy: hard links are regular files, which is all the audit reads. */
function linkTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else if (entry.isFile()) {
      try {
        fs.linkSync(source, target);
      } catch {
        fs.copyFileSync(source, target);
      }
    }
  }
}
