/**
 * Values kube-apiserver encrypted at rest: `k8s:enc:<provider>:<version>:<key name>:` then the provider's bytes
 * (kubernetes staging/src/k8s.io/apiserver/pkg/server/options/encryptionconfig/config.go, storage/value/encrypt/):
 * - aescbc v1: 16-byte IV, AES-CBC ciphertext with PKCS#7 padding (unauthenticated).
 * - aesgcm v1: 12-byte nonce, AES-GCM ciphertext, 16-byte tag; the additional authenticated data is the full etcd
 *   key (e.g. `/registry/secrets/default/db`), so a value copied under another key does not decrypt.
 * - secretbox v1: 24-byte nonce, NaCl secretbox (tag, then ciphertext).
 * - kms v1 / v2: data key sealed by an external KMS plugin: recognised and described, never decryptable here.
 */
import type { CipherGCMTypes } from 'node:crypto';
import type { KeyProvider, KeyRing } from './encryption-config.js';
import { secretboxOpen, SECRETBOX_NONCE_BYTES, SECRETBOX_TAG_BYTES } from './secretbox.js';

export type EncryptionProvider = KeyProvider | 'kms';

/** What an encrypted value's prefix says: provider, prefix version, key (or KMS plugin) name, bytes that follow. */
export interface EncryptedValueInfo {
  readonly kind: 'encrypted';
  readonly provider: EncryptionProvider;
  readonly version: 'v1' | 'v2';
  readonly keyName: string;
  readonly ciphertextLength: number;
}

/** A value that starts `k8s:enc:` but whose prefix cannot be read; `reason` is safe to print. */
export interface MalformedEncryptedValue {
  readonly kind: 'malformed';
  readonly reason: string;
}

export type UndecryptableReason = 'no-key' | 'kms' | 'wrong-key-or-tampered' | 'truncated' | 'ambiguous-key';

export type DecryptResult =
  | { kind: 'decrypted'; provider: KeyProvider; keyName: string; plaintext: Uint8Array }
  | {
      kind: 'undecryptable';
      provider: EncryptionProvider;
      keyName: string;
      reason: UndecryptableReason;
      message: string;
    }
  | MalformedEncryptedValue
  | { kind: 'not-encrypted' };

/** True when a stored value carries the `k8s:enc:` marker of an encryption provider (identity adds none). */
export function isEncrypted(value: Uint8Array): boolean {
  return startsWith(value, ENC_MARKER);
}

/** Reads the prefix of an encrypted value; undefined when it is not encrypted. Never returns unprintable text. */
export function describeEncrypted(value: Uint8Array): EncryptedValueInfo | MalformedEncryptedValue | undefined {
  if (!isEncrypted(value)) return undefined;
  const provider = readField(value, ENC_MARKER.length, MAX_PROVIDER_FIELD);
  if (provider === undefined) return malformed('unreadable provider in the k8s:enc: prefix');
  const version = readField(value, provider.end + 1, MAX_PROVIDER_FIELD);
  if (version === undefined) return malformed(`unreadable version after k8s:enc:${provider.text}:`);
  const known = KNOWN_PREFIXES.find((p) => p.provider === provider.text && p.version === version.text);
  if (known === undefined) return malformed(`unknown encryption provider ${provider.text} ${version.text}`);
  const name = readField(value, version.end + 1, MAX_KEY_NAME_BYTES);
  if (name === undefined || name.text === '') {
    return malformed(`unreadable key name after k8s:enc:${provider.text}:${version.text}:`);
  }
  return {
    kind: 'encrypted',
    provider: known.provider,
    version: known.version,
    keyName: name.text,
    ciphertextLength: value.length - name.end - 1,
  };
}

/**
 * Decrypts a stored value with the keys of `ring`, choosing the key by the name in the prefix. `etcdKey` is the
 * value's full etcd key (aesgcm authenticates it). Never throws and never returns partial plaintext. aescbc has no
 * authentication: a wrong key is caught by the padding check only, which about 1 wrong key in 256 passes.
 */
export function decryptValue(
  value: Uint8Array,
  etcdKey: Uint8Array | string,
  ring: KeyRing | undefined,
): DecryptResult {
  const info = describeEncrypted(value);
  if (info === undefined) return { kind: 'not-encrypted' };
  if (info.kind === 'malformed') return info;
  const { provider, keyName } = info;
  if (provider === 'kms') {
    const message = `sealed by KMS ${info.version} plugin "${keyName}": only that plugin can unwrap its data key`;
    return { kind: 'undecryptable', provider, keyName, reason: 'kms', message };
  }
  const afterVersion = value.subarray(ENC_MARKER.length + provider.length + 1 + info.version.length + 1);
  const configured = ring?.secretKeys(provider) ?? [];
  // Match configured names against the bytes themselves: a configured name may itself contain ':'.
  const candidates = configured.filter(({ name }) => startsWith(afterVersion, encoder.encode(`${name}:`)));
  if (candidates.length === 0) {
    const known = [...new Set(configured.map(({ name }) => `"${name}"`))];
    const message = `no ${provider} key named "${keyName}" in the encryption config${
      known.length > 0 ? ` (it has ${known.join(', ')})` : ''}`;
    return { kind: 'undecryptable', provider, keyName, reason: 'no-key', message };
  }
  const aad = typeof etcdKey === 'string' ? encoder.encode(etcdKey) : etcdKey;
  const attempts = candidates.map(({ name, secret }) => {
    const payload = afterVersion.subarray(encoder.encode(name).length + 1);
    const outcome = hasPayloadShape(provider, payload.length) ? openPayload(provider, payload, secret, aad) : TRUNCATED;
    return { name, outcome };
  });
  return verdict(provider, keyName, attempts);
}

/** One answer from the attempts of all keys carrying the value's key name. */
function verdict(
  provider: KeyProvider,
  keyName: string,
  attempts: { name: string; outcome: Uint8Array | typeof TRUNCATED | undefined }[],
): DecryptResult {
  const opened: { name: string; plaintext: Uint8Array }[] = [];
  for (const { name, outcome: plaintext } of attempts) {
    if (!(plaintext instanceof Uint8Array)) continue;
    if (!opened.some((other) => Buffer.from(other.plaintext).equals(plaintext))) opened.push({ name, plaintext });
  }
  const failure = (reason: UndecryptableReason, message: string): DecryptResult => ({
    kind: 'undecryptable', provider, keyName, reason, message,
  });
  const [first] = opened;
  if (opened.length === 1) return { kind: 'decrypted', provider, keyName: first!.name, plaintext: first!.plaintext };
  if (opened.length > 1) {
    // Only aescbc, which authenticates nothing, can get here: two secrets under one name both pass the padding check.
    return failure('ambiguous-key', `${opened.length} ${provider} keys named "${keyName}" decrypt this value to ` +
      'different data: keep only the key of this resource in the config');
  }
  if (attempts.some(({ outcome }) => outcome === TRUNCATED)) {
    return failure('truncated', `the ${provider} value is too short or cut off`);
  }
  return failure('wrong-key-or-tampered', WRONG_KEY_MESSAGES[provider](keyName));
}

const TRUNCATED = 'truncated' as const;

const WRONG_KEY_MESSAGES: Record<KeyProvider, (keyName: string) => string> = {
  aescbc: (name) => `aescbc padding check failed: wrong key "${name}" or a tampered value`,
  aesgcm: (name) =>
    `aesgcm authentication failed: wrong key "${name}", a tampered value, or not stored under this etcd key`,
  secretbox: (name) => `secretbox authentication failed: wrong key "${name}" or a tampered value`,
};

const encoder = new TextEncoder();
const ENC_MARKER = encoder.encode('k8s:enc:');
const MAX_PROVIDER_FIELD = 16;
const MAX_KEY_NAME_BYTES = 256;
const AES_BLOCK = 16;
const GCM_NONCE = 12;
const GCM_TAG = 16;

const KNOWN_PREFIXES: readonly { provider: EncryptionProvider; version: 'v1' | 'v2' }[] = [
  { provider: 'aescbc', version: 'v1' },
  { provider: 'aesgcm', version: 'v1' },
  { provider: 'secretbox', version: 'v1' },
  { provider: 'kms', version: 'v1' },
  { provider: 'kms', version: 'v2' },
];

/** Whether a payload of `length` bytes can have come from the provider: IV and whole blocks; nonce and tag. */
function hasPayloadShape(provider: KeyProvider, length: number): boolean {
  switch (provider) {
    case 'aescbc':
      return length >= 2 * AES_BLOCK && length % AES_BLOCK === 0;
    case 'aesgcm':
      return length >= GCM_NONCE + GCM_TAG;
    case 'secretbox':
      return length >= SECRETBOX_NONCE_BYTES + SECRETBOX_TAG_BYTES;
  }
}

/** The plaintext, or undefined when the key does not open the payload. */
function openPayload(
  provider: KeyProvider,
  payload: Uint8Array,
  key: Uint8Array,
  aad: Uint8Array,
): Uint8Array | undefined {
  try {
    switch (provider) {
      case 'aescbc':
        return openAesCbc(payload, key);
      case 'aesgcm':
        return openAesGcm(payload, key, aad);
      case 'secretbox':
        return secretboxOpen(payload.subarray(SECRETBOX_NONCE_BYTES), payload.subarray(0, SECRETBOX_NONCE_BYTES), key);
    }
  } catch {
    // node:crypto throws when authentication fails; to the caller that is simply "this key does not open it".
    return undefined;
  }
}

/** node:crypto, loaded only when a value is decrypted: loading it costs more than a whole `decode` of a plain value. */
function crypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto');
}

function openAesGcm(payload: Uint8Array, key: Uint8Array, aad: Uint8Array): Uint8Array {
  const algorithm = `aes-${key.length * 8}-gcm` as CipherGCMTypes;
  const decipher = crypto().createDecipheriv(algorithm, key, payload.subarray(0, GCM_NONCE), { authTagLength: GCM_TAG });
  decipher.setAAD(aad);
  decipher.setAuthTag(payload.subarray(payload.length - GCM_TAG));
  const body = decipher.update(payload.subarray(GCM_NONCE, payload.length - GCM_TAG));
  return Buffer.concat([body, decipher.final()]);
}

function openAesCbc(payload: Uint8Array, key: Uint8Array): Uint8Array | undefined {
  const ciphertext = payload.subarray(AES_BLOCK);
  const decipher = crypto().createDecipheriv(`aes-${key.length * 8}-cbc`, key, payload.subarray(0, AES_BLOCK));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  // PKCS#7: the last byte n (1..16) says how many bytes of value n end the plaintext.
  const n = padded[padded.length - 1]!;
  if (n < 1 || n > AES_BLOCK || !padded.subarray(padded.length - n).every((byte) => byte === n)) return undefined;
  return padded.subarray(0, padded.length - n);
}

function malformed(reason: string): MalformedEncryptedValue {
  return { kind: 'malformed', reason };
}

/** The printable UTF-8 text from `start` up to the next ':', or undefined if there is none within `maxBytes`. */
function readField(value: Uint8Array, start: number, maxBytes: number): { text: string; end: number } | undefined {
  const end = value.subarray(start, start + maxBytes + 1).indexOf(0x3a);
  if (end < 0) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(value.subarray(start, start + end));
  } catch {
    return undefined;
  }
  return /[\p{C}]/u.test(text) ? undefined : { text, end: start + end };
}

function startsWith(value: Uint8Array, prefix: Uint8Array): boolean {
  return value.length >= prefix.length && prefix.every((byte, i) => value[i] === byte);
}
