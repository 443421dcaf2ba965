import { ts } from './typescript';
import { TLS_CLIENT_LIBRARY_APIS, TLS_OPTION_APIS } from './apis';
import { unknownReasons } from './resolve/explain';
import type { CallSite, RuleContext, RuleListeners } from './rule';
import { spanOfRange } from './spans';
import type { Category, SourceSpan } from './types';

/**
 * Unresolved call sites: crypto calls whose algorithm, key size, curve, iteration count or TLS
 * setting the engine could not determine (a parameter of an exported function, `process.env`, a
 * table indexed at run time, a limit reached while following the value). A scan that could not see
 * a value says so, with the reason, instead of counting the call as clean.
 *
 * Keys and secrets are not listed: a key known only at run time is how keys should be handled.
 */
export interface UnresolvedSite extends SourceSpan {
  /** The API called (`crypto.createHash`). */
  api: string;
  /** The argument or option whose value is unknown (`algorithm`, `options.modulusLength`, `ssl.rejectUnauthorized`). */
  input: string;
  /** What it decides, in words (`hash algorithm`). */
  what: string;
  /** The category of the rules that judge it (a finding of that category on the same call supersedes the site). */
  category: Category;
  /** Why it is unknown (`comes from parameter \`alg\` of exported function \`digest\``). */
  reason: string;
  /** The whole call's offsets: a finding of the same category on the call supersedes the site. */
  call: { start: number; end: number };
}

/** An input of a call that decides whether it is approved. */
interface JudgedInput {
  /** The argument's role (see `API_SIGNATURES`). */
  role: string;
  /** A property of the argument instead of the argument itself. */
  property?: string;
  what: string;
  category: Category;
  /** Only when the call's other arguments say this input matters (e.g. `modulusLength` for RSA keys). */
  when?: (site: CallSite, context: RuleContext) => boolean;
}

const input = (role: string, what: string, category: Category, extra: Partial<JudgedInput> = {}): JudgedInput => ({ role, what, category, ...extra });

/** `generateKeyPair(type, options)`: which option decides, by key type. */
const keyTypeIs = (...types: string[]) => (site: CallSite, context: RuleContext) => context.strings(site.argument('type')).some((v) => types.includes(v.value.toLowerCase()));

const hash = [input('algorithm', 'hash algorithm', 'hash')];
const cipher = [input('algorithm', 'cipher and mode', 'cipher')];
const signature = [input('algorithm', 'signature algorithm', 'signature')];
const keyPair = [
  input('type', 'key type', 'key-size'),
  input('options', 'RSA or DSA modulus length', 'key-size', { property: 'modulusLength', when: keyTypeIs('rsa', 'rsa-pss', 'dsa') }),
  input('options', 'elliptic curve', 'key-size', { property: 'namedCurve', when: keyTypeIs('ec') }),
];
const secretKey = [input('type', 'key type', 'key-size'), input('options', 'key length', 'key-size', { property: 'length' })];
const pbkdf2 = [input('digest', 'PBKDF2 digest', 'kdf'), input('iterations', 'PBKDF2 iteration count', 'kdf')];
const hkdf = [input('digest', 'HKDF digest', 'kdf')];
const dhGroup = [input('group', 'Diffie-Hellman group', 'key-size')];
const webCrypto = (category: Category) => [input('algorithm', 'WebCrypto algorithm', category)];

const CALL_INPUTS: Record<string, JudgedInput[]> = {
  'crypto.createHash': hash,
  'crypto.hash': hash,
  'crypto.createHmac': [input('algorithm', 'HMAC digest', 'mac')],
  'crypto.createCipheriv': cipher,
  'crypto.createDecipheriv': cipher,
  'crypto.createCipher': cipher,
  'crypto.createDecipher': cipher,
  'crypto.createSign': signature,
  'crypto.createVerify': signature,
  'crypto.generateKeyPair': keyPair,
  'crypto.generateKeyPairSync': keyPair,
  'crypto.generateKey': secretKey,
  'crypto.generateKeySync': secretKey,
  'crypto.createECDH': [input('curve', 'elliptic curve', 'key-size')],
  'crypto.getDiffieHellman': dhGroup,
  'crypto.createDiffieHellmanGroup': dhGroup,
  'crypto.pbkdf2': pbkdf2,
  'crypto.pbkdf2Sync': pbkdf2,
  'crypto.hkdf': hkdf,
  'crypto.hkdfSync': hkdf,
  'crypto.subtle.digest': webCrypto('hash'),
  'crypto.subtle.generateKey': webCrypto('key-size'),
  'crypto.subtle.importKey': webCrypto('key-size'),
  'crypto.subtle.deriveKey': webCrypto('kdf'),
  'crypto.subtle.deriveBits': webCrypto('kdf'),
  'crypto.subtle.encrypt': webCrypto('cipher'),
  'crypto.subtle.decrypt': webCrypto('cipher'),
  'crypto.subtle.sign': webCrypto('signature'),
  'crypto.subtle.verify': webCrypto('signature'),
  'crypto.subtle.wrapKey': webCrypto('cipher'),
  'crypto.subtle.unwrapKey': webCrypto('cipher'),
  'jsonwebtoken.sign': [input('options', 'JWT algorithm', 'jwt', { property: 'algorithm' })],
  'jsonwebtoken.verify': [input('options', 'accepted JWT algorithms', 'jwt', { property: 'algorithms' })],
  'jwt-simple.encode': [input('algorithm', 'JWT algorithm', 'jwt')],
};

/** The parameters of WebCrypto algorithms that decide whether a use is approved, by algorithm name. */
const WEB_CRYPTO_PARAMETERS: Record<string, Array<[string, string]>> = {
  PBKDF2: [['hash', 'PBKDF2 digest'], ['iterations', 'PBKDF2 iteration count']],
  HKDF: [['hash', 'HKDF digest']],
  HMAC: [['hash', 'HMAC digest']],
  'RSA-OAEP': [['modulusLength', 'RSA modulus length'], ['hash', 'RSA-OAEP digest']],
  'RSA-PSS': [['modulusLength', 'RSA modulus length'], ['hash', 'RSA-PSS digest']],
  'RSASSA-PKCS1-V1_5': [['modulusLength', 'RSA modulus length'], ['hash', 'signature digest']],
  ECDSA: [['namedCurve', 'elliptic curve'], ['hash', 'ECDSA digest']],
  ECDH: [['namedCurve', 'elliptic curve']],
  'AES-GCM': [['length', 'AES key length']],
  'AES-CBC': [['length', 'AES key length']],
  'AES-CTR': [['length', 'AES key length']],
  'AES-KW': [['length', 'AES key length']],
};

/** TLS options of Node's own APIs that decide the protocol versions, suites and certificate checks. */
const TLS_SETTINGS: Array<[string, string]> = [
  ['minVersion', 'lowest TLS version'],
  ['maxVersion', 'highest TLS version'],
  ['secureProtocol', 'TLS protocol method'],
  ['ciphers', 'TLS cipher suites'],
  ['ecdhCurve', 'TLS key-exchange groups'],
  ['rejectUnauthorized', 'certificate validation'],
];

/** Where client libraries keep the Node TLS options (`ssl` in pg and mysql2, `tls` in ioredis and nodemailer). */
const CLIENT_TLS_CONTAINERS = ['ssl', 'tls', 'https', 'connect', 'agentOptions', 'dialectOptions'];
/** The switches a client library's options may carry (its own names, and Node's). */
const CLIENT_SWITCHES = ['rejectUnauthorized', 'strictSSL', 'sslValidate', 'tlsAllowInvalidCertificates', 'tlsAllowInvalidHostnames', 'tlsInsecure', 'trustServerCertificate', 'minVersion', 'maxVersion', 'ciphers'];

/** Database and broker clients take a connection string that may carry TLS settings (`?sslmode=no-verify`, `tlsInsecure=true`). */
const CONNECTION_STRINGS = ['connectionString', 'url', 'uri'];
/** HTTP and WebSocket clients: their URL carries no TLS setting. */
const HTTP_CLIENTS = /^(got|undici|ws|request|needle|axios|socket\.io-client|http-proxy|http-proxy-middleware)(\.|$)/;

/** The APIs whose calls are checked for unknown inputs (they pass the engine's name pre-filter when asked for). */
export function unresolvedApis(): string[] {
  return [...Object.keys(CALL_INPUTS), ...TLS_OPTION_APIS, ...TLS_CLIENT_LIBRARY_APIS];
}

/** Listeners that record an unresolved site for every judged input whose value is not known. */
export function unresolvedListeners(context: RuleContext, record: (site: UnresolvedSite) => void): RuleListeners {
  /** Why a value is unknown; nothing when the code or its declared type (`bits: 2048 | 4096`) says what it is. */
  const reasonsFor = (expression: ts.Expression): string[] => (context.resolver.knownValues(expression).some((v) => v.fromType) ? [] : unknownReasons(context.resolver, expression));
  const add = (site: CallSite, at: ts.Node, inputName: string, what: string, category: Category, reasons: string[]) => {
    if (reasons.length === 0) return;
    const sourceFile = site.sourceFile;
    record({ ...spanOfRange(sourceFile, at.getStart(sourceFile), at.getEnd()), api: site.api, input: inputName, what, category, reason: reasons.join('; '), call: { start: site.node.getStart(sourceFile), end: site.node.getEnd() } });
  };
  /** An argument, or a property of it, whose value is unknown. */
  const check = (site: CallSite, expression: ts.Expression | undefined, inputName: string, what: string, category: Category, property?: string) => {
    if (!expression || (property && isCallback(expression))) return;
    if (!property) return add(site, expression, inputName, what, category, reasonsFor(expression));
    const objects = context.resolver.values(expression).filter((v) => v.kind === 'object');
    // Options the engine cannot see at all: every setting in them is unknown.
    if (objects.length === 0) return add(site, expression, `${inputName}.${property}`, what, category, reasonsFor(expression));
    for (const hit of context.properties(expression, property)) {
      if (!hit.value) continue;
      const at = hit.sourceFile === site.sourceFile ? hit.value : expression;
      add(site, at, `${inputName}.${property}`, what, category, reasonsFor(hit.value));
    }
  };

  const calls: NonNullable<RuleListeners['calls']> = {};
  for (const [api, inputs] of Object.entries(CALL_INPUTS)) {
    calls[api] = (site) => {
      for (const judged of inputs) {
        if (judged.when && !judged.when(site, context)) continue;
        const argument = site.argument(judged.role);
        // crypto.sign(null, data, key): the key's own algorithm (Ed25519) decides.
        if (argument && argument.kind === ts.SyntaxKind.NullKeyword) continue;
        check(site, argument, judged.role, judged.what, judged.category, judged.property);
      }
      // WebCrypto: `{ name: 'PBKDF2', hash, iterations }`: the parameters the named algorithm takes decide too.
      if (api.startsWith('crypto.subtle.')) {
        const algorithm = site.argument('algorithm');
        for (const value of context.resolver.values(algorithm)) {
          if (value.kind !== 'object') continue;
          for (const hit of context.resolver.findProperties(value, 'name')) {
            for (const name of context.valuesOf(hit)) {
              if (name.kind !== 'string') continue;
              for (const [property, what] of WEB_CRYPTO_PARAMETERS[name.value.toUpperCase()] ?? []) check(site, algorithm, 'algorithm', what, 'key-size', property);
            }
          }
        }
      }
    };
  }
  for (const api of TLS_OPTION_APIS) {
    calls[api] = (site) => {
      const options = site.optionsArgument();
      if (!options) {
        // No argument is a known object: an argument the engine cannot see may be the options.
        for (const argument of site.node.arguments ?? []) {
          if (isPlainData(argument)) continue;
          const values = context.resolver.values(argument);
          if (values.length > 0) continue;
          add(site, argument, 'options', 'TLS options', 'tls', reasonsFor(argument));
        }
        return;
      }
      for (const [name, what] of TLS_SETTINGS) check(site, options, 'options', what, 'tls', name);
    };
  }
  for (const api of TLS_CLIENT_LIBRARY_APIS) {
    const httpClient = HTTP_CLIENTS.test(api);
    calls[api] = (site) => {
      (site.node.arguments ?? []).forEach((argument, index) => {
        if (ts.isSpreadElement(argument) || isPlainData(argument)) return;
        const values = context.resolver.values(argument);
        if (values.some((v) => v.kind === 'function')) return;
        if (values.length === 0) {
          // An HTTP client's first argument is usually the URL, which carries no TLS setting.
          if (!(httpClient && index === 0)) add(site, argument, 'options', httpClient ? 'TLS options' : 'connection string or options (TLS settings)', 'tls', reasonsFor(argument));
          return;
        }
        if (!values.some((v) => v.kind === 'object')) return;
        const names = httpClient ? CLIENT_SWITCHES : [...CLIENT_SWITCHES, ...CONNECTION_STRINGS];
        for (const name of names) check(site, argument, 'options', CONNECTION_STRINGS.includes(name) ? 'connection string (TLS settings)' : `TLS setting ${name}`, 'tls', name);
        for (const container of CLIENT_TLS_CONTAINERS) {
          for (const hit of context.properties(argument, container)) {
            if (!hit.value) continue;
            const inner = context.resolver.values(hit.value);
            const at = hit.sourceFile === site.sourceFile ? hit.value : argument;
            if (inner.length === 0) add(site, at, container, 'TLS options', 'tls', reasonsFor(hit.value));
            else if (inner.some((v) => v.kind === 'object')) for (const name of CLIENT_SWITCHES) check(site, hit.value, container, `TLS setting ${name}`, 'tls', name);
          }
        }
      });
    };
  }
  return { calls };
}

/** An options argument that is really the callback (`jwt.verify(token, key, done)`). */
function isCallback(expression: ts.Expression): boolean {
  const node = ts.isParenthesizedExpression(expression) ? expression.expression : expression;
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node) || (ts.isIdentifier(node) && /^(cb|callback|done|next|fn|resolve|reject|handler|listener)$/i.test(node.text));
}

/** Literals and callbacks: arguments that are plainly not hidden options. */
function isPlainData(argument: ts.Expression): boolean {
  return ts.isStringLiteralLike(argument) || ts.isNumericLiteral(argument) || ts.isArrowFunction(argument) || ts.isFunctionExpression(argument) || ts.isTemplateExpression(argument);
}
