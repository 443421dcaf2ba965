// Bundles the VS Code client and the language server into dist/ for the .vsix.
import { build } from 'esbuild';

// `module` first: jsonc-parser's UMD build requires its parts at run time, which a bundle cannot resolve.
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node18', minify: true, sourcemap: false, logLevel: 'warning', mainFields: ['module', 'main'] };
await build({ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] });
// The CycloneDX library's XML and validation plug-ins load these only when asked; the server only writes JSON.
const cyclonedxOptional = ['xmlbuilder2', 'libxmljs2', 'ajv', 'ajv-formats', 'ajv-formats-draft2019'];
await build({ ...common, entryPoints: { 'fipslint-server': 'server/src/lsp/main.ts' }, outdir: 'dist', external: cyclonedxOptional });
// dist/server.js, what editors start: loads the server bundle through V8's code cache.
await build({ ...common, entryPoints: { server: 'server/src/lsp/launcher.ts' }, outdir: 'dist' });
