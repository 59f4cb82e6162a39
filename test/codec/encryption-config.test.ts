import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  EncryptionConfigError,
  parseEncryptionConfig,
  readEncryptionConfig,
} from '../../src/codec/encryption-config.js';

const base64 = (length: number, fill: number) => Buffer.alloc(length, fill).toString('base64');
const CBC_SECRET = base64(32, 0x11);
const GCM_SECRET = base64(16, 0x22);
const BOX_SECRET = base64(32, 0x33);

// The shape of the kubernetes.io "Encrypting Confidential Data at Rest" examples, with every provider kind.
const config = `
apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources:
      - secrets
      - configmaps
    providers:
      - aescbc:
          keys:
            - name: key1
              secret: ${CBC_SECRET}
      - aesgcm:
          keys:
            - name: gcm1
              secret: ${GCM_SECRET}
      - kms:
          apiVersion: v2
          name: vault
          endpoint: unix:///var/run/kms.sock
      - identity: {}
  - resources: ['*.apps']
    providers:
      - secretbox:
          keys:
            - name: box
              secret: ${BOX_SECRET}
      - kms:
          name: legacy
          endpoint: unix:///var/run/old.sock
          cachesize: 100
  - resources: [events]
    providers:
      - aescbc:
          keys:
            - name: key1
              secret: ${CBC_SECRET}
`;

const withOneProvider = (provider: string) => `
apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [secrets]
    providers:
${provider.replace(/^/gm, '      ')}
`;

function errorOf(text: string): string {
  try {
    parseEncryptionConfig(text, '/etc/kubernetes/enc/config.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(EncryptionConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('parseEncryptionConfig', () => {
  it('loads every provider kind with names and resources, merging a key that serves several entries', () => {
    const ring = parseEncryptionConfig(config, 'enc.yaml');
    expect(ring.keys).toEqual([
      { provider: 'aescbc', name: 'key1', resources: ['secrets', 'configmaps', 'events'] },
      { provider: 'aesgcm', name: 'gcm1', resources: ['secrets', 'configmaps'] },
      { provider: 'secretbox', name: 'box', resources: ['*.apps'] },
    ]);
    expect(ring.kmsProviders).toEqual([
      { name: 'vault', apiVersion: 'v2', resources: ['secrets', 'configmaps'] },
      { name: 'legacy', apiVersion: 'v1', resources: ['*.apps'] },
    ]);
    expect(ring.secretKeys('aescbc')).toEqual([{ name: 'key1', secret: new Uint8Array(32).fill(0x11) }]);
    expect(ring.secretKeys('aesgcm')).toEqual([{ name: 'gcm1', secret: new Uint8Array(16).fill(0x22) }]);
    expect(ring.secretKeys('secretbox')).toEqual([{ name: 'box', secret: new Uint8Array(32).fill(0x33) }]);
  });

  it('reads the same configuration written as JSON', () => {
    const json = JSON.stringify({
      apiVersion: 'apiserver.config.k8s.io/v1',
      kind: 'EncryptionConfiguration',
      resources: [{ resources: ['secrets'], providers: [{ aesgcm: { keys: [{ name: 'k', secret: GCM_SECRET }] } }] }],
    });
    expect(parseEncryptionConfig(json, 'enc.json').keys).toEqual([
      { provider: 'aesgcm', name: 'k', resources: ['secrets'] },
    ]);
  });

  it('keeps two different secrets under one name apart, in configuration order', () => {
    const ring = parseEncryptionConfig(
      `${withOneProvider(`- aescbc:\n    keys:\n      - {name: k, secret: ${CBC_SECRET}}`)}` +
        `  - resources: [configmaps]\n    providers:\n      - aescbc:\n          keys:\n            - {name: k, secret: ${BOX_SECRET}}\n`,
      'enc.yaml',
    );
    expect(ring.secretKeys('aescbc').map(({ secret }) => secret[0])).toEqual([0x11, 0x33]);
  });

  it('never shows a secret through JSON, inspect or string conversion', () => {
    const ring = parseEncryptionConfig(config, 'enc.yaml');
    const secretHex = Buffer.alloc(32, 0x11).toString('hex');
    for (const shown of [JSON.stringify(ring), inspect(ring, { depth: 10, showHidden: true }), String(ring)]) {
      expect(shown).not.toContain(CBC_SECRET);
      expect(shown).not.toContain(secretHex);
      expect(shown).not.toMatch(/\b17, 17, 17\b/);
    }
  });
});

describe('parseEncryptionConfig errors name the file and the field, never the secret', () => {
  const file = '/etc/kubernetes/enc/config.yaml';

  it.each([
    ['an empty file', '  \n', `${file}: the file is empty`],
    ['a list at the top', '- a\n- b\n', `${file}: expected a mapping (an EncryptionConfiguration object)`],
    [
      'another kind',
      'apiVersion: v1\nkind: EncryptionConfig\nresources: []\n',
      `${file}: expected apiVersion apiserver.config.k8s.io/v1 and kind EncryptionConfiguration, found "v1" and "EncryptionConfig"`,
    ],
    [
      'no resources',
      'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\n',
      `${file}: resources: expected a non-empty list`,
    ],
    [
      'an entry without resources',
      'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - providers: [{identity: {}}]\n',
      `${file}: resources[0].resources: expected a non-empty list`,
    ],
    ['no providers', withOneProvider('[]'), `${file}: resources[0].providers: expected a non-empty list`],
    [
      'two providers in one element',
      withOneProvider(`- identity: {}\n  aescbc:\n    keys: [{name: k, secret: ${CBC_SECRET}}]`),
      `${file}: resources[0].providers[0]: more than one provider (aescbc, identity) in one element: list them separately`,
    ],
    [
      'an unknown provider',
      withOneProvider('- aesctr: {keys: []}'),
      `${file}: resources[0].providers[0]: expected one of aescbc, aesgcm, secretbox, identity, kms`,
    ],
    [
      'a provider without keys',
      withOneProvider('- aesgcm: {keys: []}'),
      `${file}: resources[0].providers[0].aesgcm.keys: expected a non-empty list`,
    ],
    [
      'a key without a name',
      withOneProvider(`- aescbc:\n    keys: [{secret: ${CBC_SECRET}}]`),
      `${file}: resources[0].providers[0].aescbc.keys[0].name: expected a non-empty key name`,
    ],
    [
      'a key without a secret',
      withOneProvider('- secretbox:\n    keys: [{name: k}]'),
      `${file}: resources[0].providers[0].secretbox.keys[0].secret: key "k" has no secret`,
    ],
    [
      'a KMS name with a colon',
      withOneProvider('- kms: {apiVersion: v2, name: "a:b", endpoint: "unix:///k.sock"}'),
      `${file}: resources[0].providers[0].kms.name: KMS provider name "a:b" must not contain ':'`,
    ],
    [
      'a KMS apiVersion that does not exist',
      withOneProvider('- kms: {apiVersion: v3, name: k}'),
      `${file}: resources[0].providers[0].kms.apiVersion: expected v1 or v2, found "v3"`,
    ],
  ])('%s', (_case, text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('reports a secret that is not base64 without quoting it', () => {
    const secret = 'c2VjcmV0-not_base64!';
    const message = errorOf(withOneProvider(`- aescbc:\n    keys: [{name: k1, secret: "${secret}"}]`));
    expect(message).toBe(
      `${file}: resources[0].providers[0].aescbc.keys[0].secret: the secret of key "k1" is not valid standard base64`,
    );
  });

  it('requires the base64 padding, as the API server does', () => {
    const unpadded = Buffer.alloc(16, 7).toString('base64').replace(/=+$/, '');
    expect(errorOf(withOneProvider(`- aesgcm:\n    keys: [{name: k1, secret: ${unpadded}}]`))).toMatch(
      /not valid standard base64$/,
    );
  });

  it.each([
    ['aescbc', 10, '16, 24, 32'],
    ['aesgcm', 64, '16, 24, 32'],
    ['secretbox', 16, '32'],
  ])('rejects a %s secret of %i bytes', (provider, size, expected) => {
    const secret = base64(size, 0x44);
    const message = errorOf(withOneProvider(`- ${provider}:\n    keys: [{name: k1, secret: ${secret}}]`));
    expect(message).toBe(
      `${file}: resources[0].providers[0].${provider}.keys[0].secret: ` +
        `the secret of ${provider} key "k1" is ${size} bytes; expected ${expected}`,
    );
    expect(message).not.toContain(secret);
  });

  it('reports YAML syntax errors by line and column without quoting the line, which may hold a secret', () => {
    const message = errorOf(withOneProvider(`- aescbc:\n    keys:\n      - name: k1\n        secret: ${CBC_SECRET}: x`));
    expect(message).toBe(`${file}: not valid YAML or JSON at line 10, column 23: Nested mappings are not allowed in compact mappings`);
    expect(message).not.toContain(CBC_SECRET);
  });

  it('rejects duplicate keys in a mapping', () => {
    expect(errorOf('apiVersion: a\napiVersion: b\n')).toBe(
      `${file}: not valid YAML or JSON at line 2, column 1: Map keys must be unique`,
    );
  });
});

describe('readEncryptionConfig', () => {
  it('reads a file from disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubectl-etcd-enc-'));
    try {
      const path = join(dir, 'enc.yaml');
      await writeFile(path, config, { mode: 0o600 });
      expect((await readEncryptionConfig(path)).keys.map((key) => key.name)).toEqual(['key1', 'gcm1', 'box']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the file it cannot read', async () => {
    const path = join(tmpdir(), 'kubectl-etcd-no-such-dir', 'enc.yaml');
    await expect(readEncryptionConfig(path)).rejects.toThrow(`${path}: cannot read the encryption config (ENOENT)`);
  });
});
