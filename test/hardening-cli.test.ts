import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { Engine, SourceProject, defaultAnalysisOptions } from '../server/src/engine';
import { RULES } from '../rules';
import { removeTempTrees, tempTree } from './temp-tree';

/**
 * The CLI as a hostile repository and a careless CI would use it (issue 17): special files, data
 * that must survive `--fix`, reads outside what was asked, and exit codes that must not lie. Each
 * case runs the real `bin/fipslint.js` in a child process, with a time limit, so a hang fails the
 * test instead of stalling the suite.
 */
const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'fipslint.js');
const MD5 = "const crypto = require('crypto');\ncrypto.createHash('md5');\n";
/** A safe fix (pseudoRandomBytes is randomBytes under another name) and an error that stays. */
const FIXABLE = "import crypto from 'node:crypto';\nexport const token = crypto.pseudoRandomBytes(16);\nexport const h = crypto.createHash('md5');\n";
const IS_ROOT = process.getuid?.() === 0;
after(removeTempTrees);

/** A folder with these files (a Buffer is written as bytes); `.git` makes it a repository. */
function tree(files: Record<string, string | Buffer>): string {
  return tempTree('fipslint-hard-', files);
}

function cli(args: string[], cwd: string, options: { preload?: string; uid?: number } = {}) {
  const spawnOptions: SpawnSyncOptions = { cwd, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 };
  if (options.uid !== undefined) Object.assign(spawnOptions, { uid: options.uid, gid: options.uid });
  const result = spawnSync(process.execPath, [...(options.preload ? ['--require', options.preload] : []), BIN, ...args], spawnOptions);
  assert.notEqual(result.signal, 'SIGTERM', `fipslint ${args.join(' ')} did not finish within a minute`);
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

function mkfifo(file: string): void {
  const made = spawnSync('mkfifo', [file]);
  assert.equal(made.status, 0, `mkfifo: ${made.stderr}`);
}

/** A preload (`node --require`) written to a temporary file. */
function preload(code: string): string {
  const file = path.join(tree({}), 'preload.cjs');
  fs.writeFileSync(file, code);
  return file;
}

describe('special files are never read as text (item 2)', () => {
  it('a configuration that links to /dev/zero is refused by name with the reason, in well under a minute', () => {
    const dir = tree({ '.git/HEAD': 'ref: refs/heads/main\n', 'a.js': MD5 });
    fs.symlinkSync('/dev/zero', path.join(dir, 'fipslint.config.json'));
    const { code, stderr } = cli(['.'], dir);
    assert.equal(code, 2);
    assert.match(stderr, /fipslint\.config\.json:1:1: refused to read the file: not a regular file \(a character device\)/);
  });

  it('a configuration that is a named pipe is refused, not waited on', () => {
    const dir = tree({ '.git/HEAD': 'ref: refs/heads/main\n', 'a.js': MD5 });
    mkfifo(path.join(dir, 'fipslint.config.json'));
    const { code, stderr } = cli(['.'], dir);
    assert.equal(code, 2);
    assert.match(stderr, /refused to read the file: not a regular file \(a named pipe\)/);
  });

  it('a configuration over 1 MB is refused', () => {
    const dir = tree({ '.git/HEAD': 'x', 'a.js': MD5, 'fipslint.config.json': `{"exclude": [${Array.from({ length: 150_000 }, () => '"x/**"').join(',')}]}` });
    const { code, stderr } = cli(['.'], dir);
    assert.equal(code, 2);
    assert.match(stderr, /refused to read the file: .* is over the 1 MB limit/);
  });

  it('a .gitignore that links to /dev/zero is not used, is named, and the scan goes on', () => {
    const dir = tree({ '.git/HEAD': 'x', 'src/a.js': MD5 });
    fs.symlinkSync('/dev/zero', path.join(dir, '.gitignore'));
    mkfifo(path.join(dir, 'src', '.gitignore'));
    const { code, stdout, stderr } = cli(['.'], dir);
    assert.equal(code, 1, 'the MD5 finding decides');
    assert.match(stdout, /src\/a\.js:2:\d+ +error/);
    assert.match(stderr, /did not use \.gitignore: not a regular file \(a character device\); the files it would exclude are scanned/);
    assert.match(stderr, /did not use src\/\.gitignore: not a regular file \(a named pipe\)/);
  });
});

describe('a configuration nested 10,000 deep (item 3)', () => {
  it('is a configuration error with file:line:col and exit 2, not an uncaught RangeError', () => {
    const dir = tree({ '.git/HEAD': 'x', 'a.js': MD5, 'fipslint.config.json': `{"rules": ${'['.repeat(10_000)}${']'.repeat(10_000)}}` });
    const { code, stderr } = cli(['.'], dir);
    assert.equal(code, 2);
    assert.match(stderr, /configuration error: fipslint\.config\.json:1:74: nested more than 64 levels deep/);
    assert.doesNotMatch(stderr, /RangeError|at .*\.js:\d+/);
  });
});

describe('--fix never loses data (items 6 to 9)', () => {
  it('refuses a file whose bytes are not valid UTF-8, and leaves every byte as it was', () => {
    const bytes = Buffer.concat([Buffer.from("const label = '"), Buffer.from([0xe9, 0x74, 0xe9]), Buffer.from("';\n"), Buffer.from(FIXABLE)]);
    const dir = tree({ '.git/HEAD': 'x', 'latin1.ts': bytes });
    const { code, stderr } = cli(['--fix', 'latin1.ts'], dir);
    assert.equal(code, 1, 'the finding is still reported');
    assert.match(stderr, /latin1\.ts is not valid UTF-8 \(byte 15\); --fix would replace such bytes, so it leaves the file as it is/);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'latin1.ts')), bytes);
  });

  it('keeps an editor save that lands between the first comparison and the rename', () => {
    const dir = tree({ '.git/HEAD': 'x', 'a.ts': FIXABLE });
    const target = path.join(dir, 'a.ts');
    // The editor saves while fipslint writes its temporary file: inside the window the old code left open.
    const editor = preload(`
      const fs = require('fs');
      const write = fs.writeFileSync;
      fs.writeFileSync = function (file, ...rest) {
        const result = write.call(this, file, ...rest);
        if (String(file).endsWith('.tmp') && String(file).includes('.fipslint-')) write(${JSON.stringify(target)}, '// the user saved this\\n');
        return result;
      };
    `);
    const { stderr } = cli(['--fix', 'a.ts'], dir, { preload: editor });
    assert.match(stderr, /a\.ts changed on disk while it was being fixed; left as it is/);
    assert.equal(fs.readFileSync(target, 'utf8'), '// the user saved this\n');
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  });

  it('writes through a link to a file inside the scan, refuses one that leads outside, hard links and read-only files', () => {
    const outside = tree({ 'shared.ts': FIXABLE });
    const dir = tree({ '.git/HEAD': 'x', 'real/target.ts': FIXABLE, 'hard.ts': FIXABLE, 'readonly.ts': FIXABLE });
    fs.symlinkSync(path.join('real', 'target.ts'), path.join(dir, 'link.ts'));
    fs.symlinkSync(path.join(outside, 'shared.ts'), path.join(dir, 'elsewhere.ts'));
    fs.linkSync(path.join(dir, 'hard.ts'), path.join(dir, 'hard-twin.ts'));
    fs.chmodSync(path.join(dir, 'readonly.ts'), 0o444);
    const { stderr } = cli(['--fix', 'link.ts', 'elsewhere.ts', 'hard.ts', 'readonly.ts'], dir);
    assert.ok(fs.lstatSync(path.join(dir, 'link.ts')).isSymbolicLink(), 'the link is still a link');
    assert.match(fs.readFileSync(path.join(dir, 'real', 'target.ts'), 'utf8'), /crypto\.randomBytes\(16\)/, 'its target inside the scan was fixed');
    assert.equal(fs.readFileSync(path.join(outside, 'shared.ts'), 'utf8'), FIXABLE);
    assert.match(stderr, /did not fix elsewhere\.ts: it is a symbolic link to .*shared\.ts, outside the scanned folders/);
    assert.equal(fs.readFileSync(path.join(dir, 'hard.ts'), 'utf8'), FIXABLE);
    assert.equal(fs.statSync(path.join(dir, 'hard.ts')).nlink, 2);
    assert.match(stderr, /did not fix hard\.ts: it has 2 hard links/);
    assert.equal(fs.readFileSync(path.join(dir, 'readonly.ts'), 'utf8'), FIXABLE);
    assert.equal(fs.statSync(path.join(dir, 'readonly.ts')).mode & 0o777, 0o444);
    assert.match(stderr, /did not fix readonly\.ts: it is read-only \(mode 444\)/);
  });

  it('keeps the owner and group of a file it fixes', { skip: !IS_ROOT && 'changing a file to another owner needs root' }, () => {
    const dir = tree({ '.git/HEAD': 'x', 'owned.ts': FIXABLE });
    fs.chownSync(path.join(dir, 'owned.ts'), 65534, 65534);
    cli(['--fix', 'owned.ts'], dir);
    const stat = fs.statSync(path.join(dir, 'owned.ts'));
    assert.match(fs.readFileSync(path.join(dir, 'owned.ts'), 'utf8'), /crypto\.randomBytes\(16\)/);
    assert.deepEqual([stat.uid, stat.gid], [65534, 65534]);
  });

  it('a full disk while writing: exit 2, one message per file, originals intact, the report for the rest still produced', () => {
    const dir = tree({ '.git/HEAD': 'x', 'a.ts': FIXABLE, 'b.ts': FIXABLE, 'c.js': MD5 });
    const full = preload(`
      const fs = require('fs');
      const write = fs.writeFileSync;
      fs.writeFileSync = function (file, ...rest) {
        if (String(file).endsWith('.tmp')) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return write.call(this, file, ...rest);
      };
    `);
    const { code, stdout, stderr } = cli(['--fix', '.'], dir, { preload: full });
    assert.equal(code, 2);
    assert.match(stderr, /could not write the fixes to a\.ts \(no space left on the device: ENOSPC\); the file is as it was/);
    assert.match(stderr, /could not write the fixes to b\.ts/);
    assert.equal(fs.readFileSync(path.join(dir, 'a.ts'), 'utf8'), FIXABLE);
    assert.match(stdout, /c\.js:2:\d+ +error .*MD5/, 'the report is still written');
    assert.match(stdout, /0 files fixed\./);
  });

  it('an unwritable report path: exit 2 with one message, no stack trace', () => {
    const dir = tree({ '.git/HEAD': 'x', 'a.js': MD5 });
    for (const output of ['/dev/full', path.join('no', 'such', 'folder', 'report.json')]) {
      const { code, stderr } = cli(['--format', 'json', '-o', output, '.'], dir);
      assert.equal(code, 2, output);
      assert.match(stderr, /^fipslint: could not write the report to .* \((no space left on the device: ENOSPC|no such folder: ENOENT)\)\n$/);
    }
  });
});

describe('only what the user asked for is read (items 10 and 11)', () => {
  it('an import that leads outside the scanned folder or into node_modules is not read: its value is unresolved and never printed', () => {
    const base = tree({
      'outside/secret.json': JSON.stringify({ ALG: 'S3CR3T-md5-value' }),
      'proj/src/a.js': "const crypto = require('crypto');\nconst { ALG } = require('../../outside/secret.json');\ncrypto.createHash(ALG);\n",
      'proj/src/b.js': "const crypto = require('crypto');\nconst { HASH } = require('../node_modules/cfg/index.js');\ncrypto.createHash(HASH);\n",
      'proj/node_modules/cfg/index.js': "module.exports = { HASH: 'md5' };\n",
      'proj/src/c.js': "const crypto = require('crypto');\nconst { HASH } = require('./settings');\ncrypto.createHash(HASH);\n",
      'proj/src/settings.js': "module.exports = { HASH: 'md5' };\n",
      'proj/src/d.js': "const crypto = require('crypto');\nconst { ALG } = require('./linked.json');\ncrypto.createHash(ALG);\n",
    });
    // A link inside the scanned folder that leads out of it is not followed either.
    fs.symlinkSync(path.join(base, 'outside', 'secret.json'), path.join(base, 'proj', 'src', 'linked.json'));
    const opened = path.join(base, 'opened.log');
    const spy = preload(`
      const fs = require('fs');
      for (const name of ['openSync', 'readFileSync', 'readdirSync', 'statSync']) {
        const original = fs[name];
        fs[name] = function (file, ...rest) {
          if (typeof file === 'string') fs.appendFileSync(${JSON.stringify(opened)}, name + '\\t' + file + '\\n');
          return original.call(this, file, ...rest);
        };
      }
    `);
    for (const format of ['text', 'json', 'cbom', 'html', 'sarif']) {
      const { stdout } = cli(['--format', format, '--inventory', '--unresolved', 'proj'], base, { preload: spy });
      assert.doesNotMatch(stdout, /S3CR3T/, `${format}: the value outside was not read`);
    }
    const calls = fs.readFileSync(opened, 'utf8').split('\n').filter(Boolean).map((line) => line.split('\t') as [string, string]);
    assert.deepEqual(calls.filter(([, file]) => file.startsWith(base) && (file.includes(`${path.sep}outside`) || file.includes('node_modules'))), [], 'nothing outside proj or in node_modules was opened, listed or stat-ed');
    assert.deepEqual(calls.filter(([call, file]) => file.endsWith('linked.json') && call !== 'statSync'), [], 'the link leading outside was never opened');
    const { stdout } = cli(['--unresolved', 'proj'], base);
    assert.match(stdout, /src\/a\.js:3:\d+ +unresolved .*the module `\.\.\/\.\.\/outside\/secret\.json`, which is outside the folders fipslint reads/);
    assert.match(stdout, /src\/b\.js:3:\d+ +unresolved .*inside node_modules, which fipslint does not read/);
    assert.match(stdout, /src\/c\.js:3:\d+ +error .*MD5/, 'a module inside the scanned folder is still followed');
    assert.match(stdout, /src\/d\.js:3:\d+ +unresolved .*the module `\.\/linked\.json`, which is a symbolic link to a file outside the folders fipslint reads/);
  });

  it('a configuration above the scanned folder (no repository) does not apply; --verbose, JSON and SARIF say which one did', () => {
    const base = tree({ 'fipslint.config.json': JSON.stringify({ rules: { 'hash-algorithm': 'off' } }), 'proj/a.js': MD5, 'proj2/a.js': MD5, 'proj2/fipslint.config.json': JSON.stringify({ profile: 'fips-140-3' }) });
    const above = cli(['--verbose', 'proj'], base);
    assert.equal(above.code, 1, 'the MD5 finding is not turned off from above');
    assert.match(above.stderr, /configuration: none found \(looked up to proj\); the defaults applied/);
    const inside = cli(['--verbose', 'proj2'], base);
    assert.match(inside.stderr, /configuration: proj2\/fipslint\.config\.json\n/);
    const json = JSON.parse(cli(['--format', 'json', 'proj2'], base).stdout);
    assert.deepEqual(json.configFiles, ['proj2/fipslint.config.json']);
    const sarif = JSON.parse(cli(['--format', 'sarif', 'proj2'], base).stdout);
    assert.deepEqual(sarif.runs[0].properties.configFiles, ['proj2/fipslint.config.json']);
    // Inside a repository the lookup still reaches the repository root.
    fs.mkdirSync(path.join(base, '.git'));
    assert.equal(cli(['proj'], base).code, 0, 'the repository root\'s configuration applies to its folders');
  });
});

describe('scanned text cannot rewrite the terminal (item 12)', () => {
  it('control characters and bidirectional overrides from the source are escaped in text, inventory and suppression listings', () => {
    const hostile = '\u001b]0;pwned\u0007\u001b[2J\rall clear\u202e';
    const dir = tree({
      '.git/HEAD': 'x',
      'a.js': `const crypto = require('crypto');\n// fipslint-disable-next-line hash-algorithm -- reviewed ${hostile}\ncrypto.createHash('md5');\ncrypto.createHash('sha1${hostile}');\n`,
      [`evil\u001b[31m.js`]: MD5,
    });
    for (const args of [['.'], ['--inventory', '.'], ['--list-suppressions', '.'], ['--unresolved', '.']]) {
      const { stdout, stderr } = cli(args, dir);
      assert.doesNotMatch(stdout + stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/, args.join(' '));
    }
    assert.match(cli(['--list-suppressions', '.'], dir).stdout, /reason: reviewed \\u001b\]0;pwned\\u0007\\u001b\[2J\\u000dall clear\\u202e/);
    assert.match(cli(['.'], dir).stdout, /evil\\u001b\[31m\.js:2/);
  });
});

describe('exit codes that tell the truth (item 13)', () => {
  it('a named pipe or a link to /dev/zero given by name: exit 2, not a clean scan', () => {
    const dir = tree({ '.git/HEAD': 'x' });
    mkfifo(path.join(dir, 'pipe.js'));
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.js'));
    for (const name of ['pipe.js', 'zero.js']) {
      const { code, stdout, stderr } = cli([name], dir);
      assert.equal(code, 2, name);
      assert.match(stderr, new RegExp(`not read: ${name.replace('.', '\\.')}: not a regular file \\(a (named pipe|character device)\\)`));
      assert.doesNotMatch(stdout, /No FIPS problems/);
    }
  });

  it('a special file met by the walk makes the scan incomplete; --allow-incomplete lets the findings decide', () => {
    const dir = tree({ '.git/HEAD': 'x', 'src/a.js': MD5 });
    fs.symlinkSync('/dev/zero', path.join(dir, 'src', 'zero.js'));
    const strict = cli(['src'], dir);
    assert.equal(strict.code, 2);
    assert.match(strict.stderr, /not read: src\/zero\.js: a symbolic link to a character device, not a regular file/);
    assert.match(strict.stderr, /the scan is incomplete: 1 path could not be read or analysed/);
    const sarif = JSON.parse(cli(['--format', 'sarif', 'src'], dir).stdout);
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
    assert.equal(cli(['--allow-incomplete', 'src'], dir).code, 1);
  });

  it('a path given that holds no source file is exit 2, never "No FIPS problems in 0 files"', () => {
    const dir = tree({ '.git/HEAD': 'x', 'docs/readme.md': '# nothing to lint\n' });
    const { code, stdout, stderr } = cli(['docs'], dir);
    assert.equal(code, 2);
    assert.match(stderr, /no TypeScript or JavaScript file to scan in docs/);
    assert.doesNotMatch(stdout, /✔/);
  });

  it('an unreadable folder (chmod 000), inside the scan or given itself, is exit 2', { skip: process.platform === 'win32' }, () => {
    const dir = tree({ '.git/HEAD': 'x', 'src/ok.js': "require('crypto').createHash('sha256');\n", 'src/locked/a.js': MD5 });
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'src', 'locked'), 0o000);
    try {
      // Root reads anything: run as nobody, as a CI runner's user would be.
      const as = IS_ROOT ? { uid: 65534 } : {};
      const inside = cli(['src'], dir, as);
      assert.equal(inside.code, 2, inside.stderr);
      assert.match(inside.stderr, /not read: src\/locked: EACCES/);
      assert.doesNotMatch(inside.stdout, /No FIPS problems/);
      const itself = cli(['src/locked'], dir, as);
      assert.equal(itself.code, 2);
      assert.doesNotMatch(itself.stdout, /No FIPS problems in 0 files/);
    } finally {
      fs.chmodSync(path.join(dir, 'src', 'locked'), 0o755);
    }
  });
});

describe('smaller input checks (item 14)', () => {
  it('refuses an impossible --as-of date and a --max-file-size that rounds to nothing', () => {
    const dir = tree({ '.git/HEAD': 'x', 'a.js': MD5 });
    const date = cli(['--as-of', '2026-02-30', '.'], dir);
    assert.equal(date.code, 2);
    assert.match(date.stderr, /--as-of takes a calendar date as YYYY-MM-DD, not '2026-02-30'/);
    const size = cli(['--max-file-size', '0.4b', '.'], dir);
    assert.equal(size.code, 2);
    assert.match(size.stderr, /--max-file-size takes a size/);
    assert.equal(cli(['--max-file-size', '1.5kb', '.'], dir).code, 1, 'a real fractional size still works');
  });

  it('a rule option named __proto__ is an unknown option, not "must be a undefined"', () => {
    const dir = tree({ '.git/HEAD': 'x', 'a.js': MD5, 'fipslint.config.json': '{"rules": {"insecure-random": ["warning", {"__proto__": ["x"]}]}}' });
    const { code, stderr } = cli(['.'], dir);
    assert.equal(code, 2);
    assert.match(stderr, /rule "insecure-random" has no option "__proto__"; its options are secretWords, harmlessWords/);
    assert.doesNotMatch(stderr, /undefined/);
  });

  it('nesting 500 levels deep is analysed in every form README names; deeper is refused with a reason', () => {
    const forms: Record<string, (depth: number) => string> = {
      parentheses: (d) => `crypto.createHash(${'('.repeat(d)}'md5'${')'.repeat(d)});`,
      arrays: (d) => `const x = ${'['.repeat(d)}${']'.repeat(d)};\ncrypto.createHash('md5');`,
      calls: (d) => `const y = ${'f('.repeat(d)}1${')'.repeat(d)};\ncrypto.createHash('md5');`,
      objects: (d) => `const o = ${'{a:'.repeat(d)}1${'}'.repeat(d)};\ncrypto.createHash('md5');`,
      templates: (d) => 'const t = ' + '`${'.repeat(d) + '1' + '}`'.repeat(d) + ";\ncrypto.createHash('md5');",
      types: (d) => `type T = ${'Array<'.repeat(d)}string${'>'.repeat(d)};\ncrypto.createHash('md5');`,
      ternaries: (d) => `const alg = ${'c ? '.repeat(d)}'md5'${" : 'md5'".repeat(d)};\ncrypto.createHash(alg);`,
    };
    for (const [name, make] of Object.entries(forms)) {
      const engine = new Engine(RULES, new SourceProject());
      const shallow = engine.analyze('/virtual/a.ts', `import crypto from 'crypto';\n${make(500)}\n`, defaultAnalysisOptions());
      assert.equal(shallow.failure, undefined, name);
      assert.deepEqual(shallow.findings.map((f) => f.ruleId), ['hash-algorithm'], name);
      const deep = engine.analyze('/virtual/b.ts', `import crypto from 'crypto';\n${make(10_000)}\n`, defaultAnalysisOptions());
      if (deep.failure) assert.match(deep.failure, /nested too deeply/, name);
    }
  });
});
