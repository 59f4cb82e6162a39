/**
 * Loads kube-apiserver's EncryptionConfiguration (apiserver.config.k8s.io/v1, the file behind
 * --encryption-provider-config) into a key ring for decrypting stored values. Validation follows the API server's:
 * AES keys of 16, 24 or 32 bytes, secretbox keys of 32, secrets in standard base64, KMS names without ':'.
 * Messages name the file and the field; they never contain a secret.
 */
import { readFile } from 'node:fs/promises';
import { parse, YAMLError } from 'yaml';

export type KeyProvider = 'aescbc' | 'aesgcm' | 'secretbox';

/** A configured key as it may be shown: provider, name and the resources it serves, never the secret. */
export interface ConfiguredKey {
  readonly provider: KeyProvider;
  readonly name: string;
  readonly resources: readonly string[];
}

/** A configured KMS provider: its values are sealed by an external plugin and cannot be decrypted here. */
export interface ConfiguredKms {
  readonly name: string;
  readonly apiVersion: 'v1' | 'v2';
  readonly resources: readonly string[];
}

/** A malformed or unreadable EncryptionConfiguration; the message names the file and the field. */
export class EncryptionConfigError extends Error {
  override name = 'EncryptionConfigError';
}

/** The keys of an EncryptionConfiguration. Secrets live in a private field: no JSON, inspect or log shows them. */
export class KeyRing {
  readonly #secrets: Map<ConfiguredKey, Uint8Array>;

  constructor(
    readonly keys: readonly ConfiguredKey[],
    readonly kmsProviders: readonly ConfiguredKms[],
    secrets: Map<ConfiguredKey, Uint8Array>,
  ) {
    this.#secrets = secrets;
  }

  /** The keys of one provider with their secrets, in configuration order, each distinct secret once. */
  secretKeys(provider: KeyProvider): { name: string; secret: Uint8Array }[] {
    return this.keys
      .filter((key) => key.provider === provider)
      .map((key) => ({ name: key.name, secret: this.#secrets.get(key)! }));
  }
}

/** Reads and parses the EncryptionConfiguration at `path`. */
export async function readEncryptionConfig(path: string): Promise<KeyRing> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EncryptionConfigError(`${path}: cannot read the encryption config${code ? ` (${code})` : ''}`);
  }
  return parseEncryptionConfig(text, path);
}

/** Parses EncryptionConfiguration text (YAML or JSON); `path` only names the file in error messages. */
export function parseEncryptionConfig(text: string, path: string): KeyRing {
  const fail = (field: string, problem: string): never => {
    throw new EncryptionConfigError(`${path}: ${field ? `${field}: ` : ''}${problem}`);
  };
  if (text.trim() === '') fail('', 'the file is empty');
  const document = parseYaml(text, fail);
  if (!isRecord(document)) return fail('', 'expected a mapping (an EncryptionConfiguration object)');
  if (document.apiVersion !== 'apiserver.config.k8s.io/v1' || document.kind !== 'EncryptionConfiguration') {
    fail('', `expected apiVersion apiserver.config.k8s.io/v1 and kind EncryptionConfiguration, found ${
      describeScalar(document.apiVersion)} and ${describeScalar(document.kind)}`);
  }
  const collected = new KeyCollector();
  const resourceConfigs = nonEmptyList(document.resources, 'resources', fail);
  resourceConfigs.forEach((entry, i) => {
    const at = `resources[${i}]`;
    if (!isRecord(entry)) return fail(at, 'expected a mapping with resources and providers');
    const resources = nonEmptyList(entry.resources, `${at}.resources`, fail).map((resource, j) =>
      typeof resource === 'string' && resource !== ''
        ? resource
        : fail(`${at}.resources[${j}]`, 'expected a resource name'),
    );
    nonEmptyList(entry.providers, `${at}.providers`, fail).forEach((provider, j) =>
      readProvider(provider, `${at}.providers[${j}]`, resources, collected, fail),
    );
  });
  return collected.toKeyRing();
}

type Fail = (field: string, problem: string) => never;

const PROVIDER_FIELDS = ['aescbc', 'aesgcm', 'secretbox', 'identity', 'kms'] as const;
const KEY_SIZES: Record<KeyProvider, readonly number[]> = {
  aescbc: [16, 24, 32],
  aesgcm: [16, 24, 32],
  secretbox: [32],
};

function readProvider(provider: unknown, at: string, resources: string[], collected: KeyCollector, fail: Fail): void {
  if (!isRecord(provider)) return fail(at, `expected a mapping with one of ${PROVIDER_FIELDS.join(', ')}`);
  const present = PROVIDER_FIELDS.filter((field) => provider[field] !== undefined);
  if (present.length !== 1) {
    fail(at, present.length === 0
      ? `expected one of ${PROVIDER_FIELDS.join(', ')}`
      : `more than one provider (${present.join(', ')}) in one element: list them separately`);
  }
  const kind = present[0]!;
  if (kind === 'identity') return;
  const body = provider[kind];
  if (!isRecord(body)) return fail(`${at}.${kind}`, 'expected a mapping');
  if (kind === 'kms') return collected.addKms(readKms(body, `${at}.kms`, resources, fail));
  nonEmptyList(body.keys, `${at}.${kind}.keys`, fail).forEach((key, k) => {
    const keyAt = `${at}.${kind}.keys[${k}]`;
    if (!isRecord(key)) return fail(keyAt, 'expected a mapping with name and secret');
    if (typeof key.name !== 'string' || key.name === '') return fail(`${keyAt}.name`, 'expected a non-empty key name');
    collected.addKey(kind, key.name, decodeSecret(kind, key.name, key.secret, `${keyAt}.secret`, fail), resources);
  });
}

function readKms(body: Record<string, unknown>, at: string, resources: string[], fail: Fail): ConfiguredKms {
  const { name, apiVersion = 'v1' } = body;
  if (typeof name !== 'string' || name === '') return fail(`${at}.name`, 'expected a non-empty KMS provider name');
  if (name.includes(':')) fail(`${at}.name`, `KMS provider name "${name}" must not contain ':'`);
  if (apiVersion !== 'v1' && apiVersion !== 'v2') {
    fail(`${at}.apiVersion`, `expected v1 or v2, found ${describeScalar(apiVersion)}`);
  }
  return { name, apiVersion: apiVersion as 'v1' | 'v2', resources };
}

function decodeSecret(provider: KeyProvider, keyName: string, secret: unknown, at: string, fail: Fail): Uint8Array {
  if (typeof secret !== 'string' || secret === '') return fail(at, `key "${keyName}" has no secret`);
  // Like Go's base64.StdEncoding: padding required, line breaks ignored, nothing else outside the alphabet.
  const compact = secret.replace(/[\r\n]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) {
    fail(at, `the secret of key "${keyName}" is not valid standard base64`);
  }
  const bytes = new Uint8Array(Buffer.from(compact, 'base64'));
  const sizes = KEY_SIZES[provider];
  if (!sizes.includes(bytes.length)) {
    fail(at, `the secret of ${provider} key "${keyName}" is ${bytes.length} bytes; expected ${sizes.join(', ')}`);
  }
  return bytes;
}

/** Gathers keys across resource entries: one entry per provider, name and secret, with all its resources. */
class KeyCollector {
  private readonly keys: { key: ConfiguredKey & { resources: string[] }; secret: Uint8Array }[] = [];
  private readonly kms: (ConfiguredKms & { resources: string[] })[] = [];

  addKey(provider: KeyProvider, name: string, secret: Uint8Array, resources: string[]): void {
    const same = this.keys.find(
      ({ key, secret: known }) => key.provider === provider && key.name === name && Buffer.from(known).equals(secret),
    );
    if (same) addMissing(same.key.resources, resources);
    else this.keys.push({ key: { provider, name, resources: [...resources] }, secret });
  }

  addKms(kms: ConfiguredKms): void {
    const same = this.kms.find((known) => known.name === kms.name && known.apiVersion === kms.apiVersion);
    if (same) addMissing(same.resources, kms.resources);
    else this.kms.push({ ...kms, resources: [...kms.resources] });
  }

  toKeyRing(): KeyRing {
    return new KeyRing(
      this.keys.map(({ key }) => key),
      this.kms,
      new Map(this.keys.map(({ key, secret }) => [key, secret])),
    );
  }
}

function addMissing(into: string[], items: readonly string[]): void {
  for (const item of items) if (!into.includes(item)) into.push(item);
}

function parseYaml(text: string, fail: Fail): unknown {
  try {
    // prettyErrors off: the pretty form quotes the offending line, which may hold a secret. logLevel 'error':
    // warnings would otherwise go to the console.
    return parse(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  } catch (error) {
    if (!(error instanceof YAMLError)) throw error;
    const before = text.slice(0, error.pos[0]);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return fail('', `not valid YAML or JSON at line ${line}, column ${column}: ${error.message}`);
  }
}

function nonEmptyList(value: unknown, at: string, fail: Fail): unknown[] {
  if (!Array.isArray(value) || value.length === 0) return fail(at, 'expected a non-empty list');
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, safe rendering of a field value the file got wrong (only used for non-secret fields). */
function describeScalar(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);
  return typeof value === 'object' ? (Array.isArray(value) ? 'a list' : 'a mapping') : String(value);
}
