import type { RuleModule } from '../server/src/engine/rule';
import aeadTagLength from './aead-tag-length/rule';
import awsFipsEndpoint from './aws-fips-endpoint/rule';
import awsTlsPolicy from './aws-tls-policy/rule';
import cryptoJs from './crypto-js/rule';
import nodeForge from './node-forge/rule';
import jwtAlgorithm from './jwt-algorithm/rule';
import passwordHashing from './password-hashing/rule';
import jsCryptoLibrary from './js-crypto-library/rule';
import insecureRandom from './insecure-random/rule';
import hardcodedKeyMaterial from './hardcoded-key-material/rule';
import cipherAlgorithm from './cipher-algorithm/rule';
import cipherIv from './cipher-iv/rule';
import cipherMode from './cipher-mode/rule';
import dhParameters from './dh-parameters/rule';
import dsaSignature from './dsa-signature/rule';
import eddsaSignature from './eddsa-signature/rule';
import ellipticCurve from './elliptic-curve/rule';
import hashAlgorithm from './hash-algorithm/rule';
import hmacParameters from './hmac-parameters/rule';
import kdfParameters from './kdf-parameters/rule';
import noCreateCipher from './no-create-cipher/rule';
import noPseudoRandomBytes from './no-pseudo-random-bytes/rule';
import noScrypt from './no-scrypt/rule';
import rsaKeySize from './rsa-key-size/rule';
import rsaPadding from './rsa-padding/rule';
import signatureDigest from './signature-digest/rule';
import tlsCertificateValidation from './tls-certificate-validation/rule';
import tlsCiphers from './tls-ciphers/rule';
import tlsEcdhCurve from './tls-ecdh-curve/rule';
import tlsVersion from './tls-version/rule';
import x25519KeyAgreement from './x25519-key-agreement/rule';

/** Every rule, in the order the docs list them. Adding a rule: its folder, and one line here. */
export const RULES: readonly RuleModule[] = [
  hashAlgorithm,
  hmacParameters,
  cipherAlgorithm,
  noCreateCipher,
  cipherMode,
  cipherIv,
  hardcodedKeyMaterial,
  aeadTagLength,
  rsaKeySize,
  ellipticCurve,
  dhParameters,
  x25519KeyAgreement,
  dsaSignature,
  eddsaSignature,
  signatureDigest,
  rsaPadding,
  kdfParameters,
  noScrypt,
  passwordHashing,
  noPseudoRandomBytes,
  insecureRandom,
  tlsCertificateValidation,
  tlsVersion,
  tlsCiphers,
  tlsEcdhCurve,
  awsTlsPolicy,
  awsFipsEndpoint,
  cryptoJs,
  nodeForge,
  jwtAlgorithm,
  jsCryptoLibrary,
];

export const RULES_BY_ID: ReadonlyMap<string, RuleModule> = new Map(RULES.map((rule) => [rule.meta.id, rule]));
