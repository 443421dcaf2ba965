// Bundles the VS Code client and the language server into dist/ for the .vsix.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node18', minify: true, sourcemap: false, logLevel: 'warning' };
await build({ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] });
await build({ ...common, entryPoints: { server: 'server/src/lsp/main.ts' }, outdir: 'dist' });
