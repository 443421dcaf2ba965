// The crypto rules of the ESLint plugins users compare fipslint with, for the benchmark only.
// No type information (the peers' faster mode): espree for JavaScript, typescript-eslint's parser for TypeScript.
import sdl from '@microsoft/eslint-plugin-sdl';
import security from 'eslint-plugin-security';
import sonarjs from 'eslint-plugin-sonarjs';
import tsParser from '@typescript-eslint/parser';

// @microsoft/sdl/no-insecure-random throws on `require(variable)` (path.basename(undefined)), which
// aborts the whole ESLint run; the guard turns such a throw into "no finding" for that node only.
const guarded = (rule) => ({
  ...rule,
  create(context) {
    const listeners = rule.create(context);
    return Object.fromEntries(
      Object.entries(listeners).map(([selector, listener]) => [
        selector,
        (...args) => {
          try {
            return listener(...args);
          } catch {
            return undefined;
          }
        },
      ]),
    );
  },
});
const sdlGuarded = { ...sdl, rules: { ...sdl.rules, 'no-insecure-random': guarded(sdl.rules['no-insecure-random']) } };

const cryptoRules = {
  'sonarjs/hashing': 'error',
  'sonarjs/encryption-secure-mode': 'error',
  'sonarjs/no-weak-cipher': 'error',
  'sonarjs/no-weak-keys': 'error',
  'sonarjs/weak-ssl': 'error',
  'sonarjs/unverified-certificate': 'error',
  'sonarjs/unverified-hostname': 'error',
  'sonarjs/pseudo-random': 'error',
  'sonarjs/insecure-jwt-token': 'error',
  'sonarjs/hardcoded-secret-signatures': 'error',
  '@microsoft/sdl/no-insecure-random': 'error',
  'security/detect-pseudoRandomBytes': 'error',
  'security/detect-possible-timing-attacks': 'error',
};

const common = {
  linterOptions: { reportUnusedDisableDirectives: 'off', noInlineConfig: true },
  plugins: { sonarjs, security, '@microsoft/sdl': sdlGuarded },
  rules: cryptoRules,
};

export default [
  { ignores: ['**/*.d.ts', '**/*.d.mts', '**/*.d.cts'] },
  { ...common, files: ['**/*.{js,mjs,jsx}'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } } },
  { ...common, files: ['**/*.cjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } },
  { ...common, files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' } },
];
