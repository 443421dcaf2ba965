// Bundles the VS Code client and the language server into dist/ for the .vsix.
import { build } from 'esbuild';
import { bundledPackageDirs, writeNotices } from './notices.mjs';

// `module` first: jsonc-parser's UMD build requires its parts at run time, which a bundle cannot resolve.
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node18', minify: true, sourcemap: false, logLevel: 'warning', mainFields: ['module', 'main'] };
const client = await build({ ...common, metafile: true, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] });
// The CycloneDX library's XML and validation plug-ins load these only when asked; the server only writes JSON.
const cyclonedxOptional = ['xmlbuilder2', 'libxmljs2', 'ajv', 'ajv-formats', 'ajv-formats-draft2019'];
const server = await build({ ...common, metafile: true, entryPoints: { 'fipslint-server': 'server/src/lsp/main.ts' }, outdir: 'dist', external: cyclonedxOptional });
// dist/server.js, what editors start: loads the server bundle through V8's code cache.
const launcher = await build({ ...common, metafile: true, entryPoints: { server: 'server/src/lsp/launcher.ts' }, outdir: 'dist' });
// Minifying drops the licence comments of the bundled packages: their notices ship beside the bundles.
const bundled = [client, server, launcher].flatMap((result) => bundledPackageDirs(result.metafile));
writeNotices('dist/THIRD-PARTY-NOTICES.txt', 'Third-party notices for the fipslint VS Code extension (dist/)', bundled);
// The metafiles, for the test that checks every bundled package is listed.
import { writeFileSync } from 'node:fs';
writeFileSync('dist/bundled-packages.json', JSON.stringify([...new Set(bundled)].sort(), null, 2) + '\n');
