import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../rules';
import { configSchema } from '../server/src/engine';
import { DEFAULT_SETTINGS, readSettings } from '../server/src/lsp/settings';

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function flatten(value: Record<string, unknown>, prefix = 'fipslint'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const name = `${prefix}.${key}`;
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length && name !== 'fipslint.rules') Object.assign(out, flatten(v as Record<string, unknown>, name));
    else out[name] = v;
  }
  return out;
}

describe('extension manifest', () => {
  it('declares exactly the settings the server reads, with the same defaults', () => {
    const declared = pkg.contributes.configuration.properties as Record<string, { default: unknown }>;
    const defaults = flatten(DEFAULT_SETTINGS as unknown as Record<string, unknown>);
    assert.deepEqual(Object.keys(declared).sort(), Object.keys(defaults).sort());
    for (const [key, value] of Object.entries(defaults)) assert.deepEqual(declared[key].default, value, key);
  });

  it('lists the profiles the engine knows, and null for "the configuration file decides"', () => {
    assert.deepEqual(pkg.contributes.configuration.properties['fipslint.profile'].enum, [null, 'fips-140-3', 'fips-140-2', 'cnsa-2.0']);
  });

  it('registers the configuration file schema, which is shipped in the .vsix and matches the rules', () => {
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: 'fipslint.config.json', url: './schemas/fipslint.config.schema.json' }]);
    const shipped = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'fipslint.config.schema.json'), 'utf8'));
    assert.deepEqual(shipped, configSchema(RULES), 'schemas/fipslint.config.schema.json is stale: run npm run schema');
    assert.match(fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8'), /^!schemas\/fipslint\.config\.schema\.json$/m);
  });

  it('reads bad settings as defaults and says what was wrong', () => {
    const { settings, problems } = readSettings({ profile: 'fips-9', rules: { 'hash-algorithm': 'loud', 'tls-version': 'off' }, run: 'sometimes' });
    assert.equal(settings.profile, null, 'a bad profile falls back to the configuration file, then fips-140-3');
    assert.deepEqual(settings.rules, { 'tls-version': 'off' });
    assert.equal(settings.run, 'onType');
    assert.equal(problems.length, 2);
  });

  it('declares limited support for untrusted workspaces and says what is limited', () => {
    const untrusted = pkg.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.match(untrusted.description, /never runs the code it reads.*ignores the workspace's fipslint\.config\.json/);
    const declared = Object.keys(pkg.contributes.configuration.properties).filter((k) => k !== 'fipslint.run' && k !== 'fipslint.trace.server');
    assert.deepEqual([...untrusted.restrictedConfigurations].sort(), declared.sort(), 'every setting that changes what is reported is restricted');
  });

  it('activates on the four languages and contributes its commands', () => {
    // Only the languages: VS Code activates on contributed views and commands by itself, and
    // `workspaceContains:**/…` would search the whole workspace at every start-up.
    assert.deepEqual(pkg.activationEvents, ['onLanguage:typescript', 'onLanguage:typescriptreact', 'onLanguage:javascript', 'onLanguage:javascriptreact']);
    const commands = pkg.contributes.commands.map((c: { command: string }) => c.command);
    assert.deepEqual(commands, ['fipslint.scan', 'fipslint.fixAll', 'fipslint.restart', 'fipslint.output', 'fipslint.inventory.refresh', 'fipslint.exportCbom', 'fipslint.auditDependencies']);
    // A contributed command the extension never registers fails with "command not found".
    const extension = fs.readFileSync(path.join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
    for (const command of commands) assert.ok(extension.includes(`registerCommand('${command}'`), `${command} is not registered`);
  });

  it('contributes the Crypto Inventory view to the Explorer, with its title actions (the dependency audit among them) and empty-state text', () => {
    assert.deepEqual(pkg.contributes.views.explorer.map((v: { id: string; name: string }) => [v.id, v.name]), [['fipslint.inventory', 'Crypto Inventory']]);
    const titleActions = pkg.contributes.menus['view/title'].filter((m: { when: string }) => m.when === 'view == fipslint.inventory').map((m: { command: string }) => m.command);
    assert.deepEqual(titleActions, ['fipslint.inventory.refresh', 'fipslint.auditDependencies', 'fipslint.exportCbom']);
    const welcome = pkg.contributes.viewsWelcome.filter((w: { view: string }) => w.view === 'fipslint.inventory');
    assert.ok(welcome.some((w: { contents: string }) => w.contents.includes('command:fipslint.inventory.refresh')));
    assert.ok(welcome.some((w: { contents: string }) => w.contents.includes('command:fipslint.auditDependencies')), 'the dependency audit is offered, never run unasked');
    assert.deepEqual(pkg.activationEvents.filter((e: string) => /depend/i.test(e)), [], 'no audit at start-up');
    assert.ok(welcome.some((w: { when: string }) => w.when.includes('!isWorkspaceTrusted')), 'Restricted Mode says why the view is empty');
  });
});

describe('the settings UI', () => {
  it('labels every profile choice, the "use the configuration file" one included (no literal null)', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const profile = manifest.contributes.configuration.properties['fipslint.profile'];
    assert.equal(profile.enumItemLabels.length, profile.enum.length);
    assert.equal(profile.enumItemLabels[profile.enum.indexOf(null)], 'From fipslint.config.json');
    assert.ok(profile.enumItemLabels.every((label: unknown) => typeof label === 'string' && label !== 'null'));
  });
});

describe('ready for the Marketplace and Open VSX', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

  it('is a preview while 0.x, packages its own page and a changelog, and says what the editor does', () => {
    assert.equal(pkg.preview, /^0\./.test(pkg.version));
    assert.match(pkg.scripts.package, /--readme-path EXTENSION\.md --changelog-path CHANGELOG\.md/);
    assert.match(pkg.description, /as you type/);
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    // The developers' README (npm install, benchmarks, contributing) is not the extension's page.
    assert.doesNotMatch(ignore, /^!README\.md$/m);
    assert.match(ignore, /^!CHANGELOG\.md$/m);
    assert.match(fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'), new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')}`, 'm'));
  });

  it('its page links and shows images by absolute URL (relative ones break on the Marketplace), with settings matching the manifest', () => {
    const page = fs.readFileSync(path.join(ROOT, 'EXTENSION.md'), 'utf8');
    const targets = [...page.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
    assert.ok(targets.length >= 3);
    for (const target of targets) assert.match(target, /^https:\/\//, target);
    for (const image of [...page.matchAll(/!\[[^\]]*\]\(https:\/\/github\.com\/fipslint\/fipslint\/raw\/HEAD\/([^)]+)\)/g)].map((m) => m[1])) {
      assert.ok(fs.existsSync(path.join(ROOT, image)), `${image} exists in the repository`);
    }
    for (const setting of Object.keys(pkg.contributes.configuration.properties).filter((k) => k !== 'fipslint.trace.server')) {
      assert.ok(page.includes(`\`${setting}\``), `${setting} is documented on the page`);
    }
    for (const section of ['## What it finds', '## Quick fixes', '## Settings', '## Commands', '## Other editors and CI', '## FAQ', 'Is this a FIPS 140 certification?', 'Why is an approved algorithm reported as NV?']) {
      assert.ok(page.includes(section), section);
    }
    const prose = page.replace(/\s+/g, ' ');
    for (const command of pkg.contributes.commands as Array<{ title: string }>) assert.ok(prose.includes(command.title), command.title);
  });
});
