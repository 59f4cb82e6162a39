import { createCipheriv, type CipherGCMTypes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptValue, describeEncrypted, isEncrypted, type DecryptResult } from '../../src/codec/encryption.js';
import { parseEncryptionConfig } from '../../src/codec/encryption-config.js';
import { secretboxSeal } from '../../src/codec/secretbox.js';
import { fixturesDir, hasFixtures, missingFixturesReason } from '../fixtures.js';

// Test keys, used nowhere else: one fill byte per key.
const keys = {
  cbc16: Buffer.alloc(16, 0xa1),
  cbc24: Buffer.alloc(24, 0xa2),
  cbc32: Buffer.alloc(32, 0xa3),
  gcm16: Buffer.alloc(16, 0xb1),
  gcm24: Buffer.alloc(24, 0xb2),
  gcm32: Buffer.alloc(32, 0xb3),
  box: Buffer.alloc(32, 0xc1),
  wrong32: Buffer.alloc(32, 0xee),
};

/** An EncryptionConfiguration with one resource entry per item of `entries`: provider and its keys by name. */
function configYaml(entries: [provider: string, keys: [name: string, secret: Buffer][]][]): string {
  const entry = ([provider, providerKeys]: (typeof entries)[number], i: number) =>
    `  - resources: [resource${i}]\n    providers:\n      - ${provider}:\n          keys:\n` +
    providerKeys.map(([name, secret]) => `            - {name: ${name}, secret: ${secret.toString('base64')}}\n`).join('');
  return `apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n${entries.map(entry).join('')}`;
}

const ring = parseEncryptionConfig(
  configYaml([
    ['aescbc', [['cbc16', keys.cbc16], ['cbc24', keys.cbc24], ['cbc32', keys.cbc32]]],
    ['aesgcm', [['gcm16', keys.gcm16], ['gcm24', keys.gcm24], ['gcm32', keys.gcm32]]],
    ['secretbox', [['box', keys.box]]],
  ]),
  'test-config.yaml',
);

const etcdKey = '/registry/secrets/default/db-credentials';

/** A fixed IV or nonce per seed, so that every test is deterministic. */
function iv(length: number, seed: number): Buffer {
  const bytes = Buffer.from(Array.from({ length }, (_, i) => (i * 7 + 3) & 0xff));
  bytes.writeUInt32BE(seed, 0);
  return bytes;
}

// Encryption in the exact layout of kube-apiserver's transformers (staging/src/k8s.io/apiserver/pkg/storage/value/
// encrypt/aes/aes.go, secretbox/secretbox.go) behind the prefix of server/options/encryptionconfig/config.go.
function aescbc(name: string, key: Buffer, plaintext: Uint8Array, ivSeed = 1): Buffer {
  const cbcIv = iv(16, ivSeed);
  const cipher = createCipheriv(`aes-${key.length * 8}-cbc`, key, cbcIv); // PKCS#7 padding is node's default
  return Buffer.concat([Buffer.from(`k8s:enc:aescbc:v1:${name}:`), cbcIv, cipher.update(plaintext), cipher.final()]);
}

function aesgcm(name: string, key: Buffer, plaintext: Uint8Array, authenticatedKey = etcdKey): Buffer {
  const nonce = iv(12, 5);
  const cipher = createCipheriv(`aes-${key.length * 8}-gcm` as CipherGCMTypes, key, nonce);
  cipher.setAAD(Buffer.from(authenticatedKey));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from(`k8s:enc:aesgcm:v1:${name}:`), nonce, body, cipher.getAuthTag()]);
}

function secretbox(name: string, key: Buffer, plaintext: Uint8Array): Buffer {
  const nonce = iv(24, 9);
  return Buffer.concat([Buffer.from(`k8s:enc:secretbox:v1:${name}:`), nonce, secretboxSeal(plaintext, nonce, key)]);
}

const plaintext = Buffer.from('k8s\0{"kind":"Secret","data":{"password":"aHVudGVyMg=="}}');

function plaintextOf(result: DecryptResult): Buffer {
  if (result.kind !== 'decrypted') throw new Error(`expected a decrypted value, got ${JSON.stringify(result)}`);
  return Buffer.from(result.plaintext);
}

describe('decryptValue', () => {
  it.each(['cbc16', 'cbc24', 'cbc32'] as const)('decrypts aescbc with the %s key', (name) => {
    const result = decryptValue(aescbc(name, keys[name], plaintext), etcdKey, ring);
    expect(result).toMatchObject({ kind: 'decrypted', provider: 'aescbc', keyName: name });
    expect(plaintextOf(result).toString()).toBe(plaintext.toString());
  });

  it.each(['gcm16', 'gcm24', 'gcm32'] as const)('decrypts aesgcm with the %s key, the etcd key as AAD', (name) => {
    const result = decryptValue(aesgcm(name, keys[name], plaintext), etcdKey, ring);
    expect(result).toMatchObject({ kind: 'decrypted', provider: 'aesgcm', keyName: name });
    expect(plaintextOf(result).toString()).toBe(plaintext.toString());
  });

  it('decrypts secretbox', () => {
    const result = decryptValue(secretbox('box', keys.box, plaintext), etcdKey, ring);
    expect(result).toMatchObject({ kind: 'decrypted', provider: 'secretbox', keyName: 'box' });
    expect(plaintextOf(result).toString()).toBe(plaintext.toString());
  });

  it.each([0, 1, 15, 16, 17, 1000])('round-trips %i-byte values through every provider', (length) => {
    const data = Buffer.from(Array.from({ length }, (_, i) => (i * 31) & 0xff));
    const values = [aescbc('cbc32', keys.cbc32, data), aesgcm('gcm32', keys.gcm32, data), secretbox('box', keys.box, data)];
    for (const value of values) expect(plaintextOf(decryptValue(value, etcdKey, ring)).equals(data)).toBe(true);
  });

  it('accepts the etcd key as bytes as well as text', () => {
    expect(decryptValue(aesgcm('gcm16', keys.gcm16, plaintext), Buffer.from(etcdKey), ring).kind).toBe('decrypted');
  });

  it('refuses an aesgcm value read under another etcd key: the key is the authenticated data', () => {
    const value = aesgcm('gcm16', keys.gcm16, plaintext, '/registry/secrets/other/db-credentials');
    expect(decryptValue(value, etcdKey, ring)).toEqual({
      kind: 'undecryptable',
      provider: 'aesgcm',
      keyName: 'gcm16',
      reason: 'wrong-key-or-tampered',
      message: 'aesgcm authentication failed: wrong key "gcm16", a tampered value, or not stored under this etcd key',
    });
  });

  it.each([
    ['aescbc', aescbc('cbc32', keys.wrong32, plaintext), 'cbc32', 'aescbc padding check failed: wrong key "cbc32" or a tampered value'],
    ['aesgcm', aesgcm('gcm32', keys.wrong32, plaintext), 'gcm32', 'aesgcm authentication failed: wrong key "gcm32", a tampered value, or not stored under this etcd key'],
    ['secretbox', secretbox('box', keys.wrong32, plaintext), 'box', 'secretbox authentication failed: wrong key "box" or a tampered value'],
  ])('says a %s value sealed with another secret under the same key name is wrong-key-or-tampered', (provider, value, keyName, message) => {
    expect(decryptValue(value, etcdKey, ring)).toEqual({
      kind: 'undecryptable', provider, keyName, reason: 'wrong-key-or-tampered', message,
    });
  });

  it('refuses tampered values of every provider', () => {
    const flipped = (value: Buffer, at: number) => {
      const copy = Buffer.from(value);
      copy[at]! ^= 0x01;
      return copy;
    };
    const cbc = aescbc('cbc16', keys.cbc16, plaintext);
    const gcm = aesgcm('gcm16', keys.gcm16, plaintext);
    const box = secretbox('box', keys.box, plaintext);
    const tampered = [
      flipped(cbc, cbc.length - 17), // aescbc: the previous block's last byte flips the padding byte
      flipped(gcm, gcm.length - 1),
      flipped(gcm, 40),
      flipped(box, box.length - 1),
      flipped(box, 50),
    ];
    for (const value of tampered) {
      expect(decryptValue(value, etcdKey, ring)).toMatchObject({ kind: 'undecryptable', reason: 'wrong-key-or-tampered' });
    }
  });

  it.each([
    ['aescbc:v1:cbc16', 31, 'shorter than IV and one block'],
    ['aescbc:v1:cbc16', 33, 'not whole blocks'],
    ['aesgcm:v1:gcm16', 27, 'shorter than nonce and tag'],
    ['secretbox:v1:box', 39, 'shorter than nonce and tag'],
  ])('reports a %s payload of %i bytes (%s) as truncated', (prefix, length) => {
    const value = Buffer.concat([Buffer.from(`k8s:enc:${prefix}:`), Buffer.alloc(length, 0x5a)]);
    expect(decryptValue(value, etcdKey, ring)).toMatchObject({
      kind: 'undecryptable', reason: 'truncated', message: `the ${prefix.split(':')[0]} value is too short or cut off`,
    });
  });

  it('names the keys it has when the prefix names another', () => {
    expect(decryptValue(aescbc('key9', keys.cbc16, plaintext), etcdKey, ring)).toEqual({
      kind: 'undecryptable',
      provider: 'aescbc',
      keyName: 'key9',
      reason: 'no-key',
      message: 'no aescbc key named "key9" in the encryption config (it has "cbc16", "cbc24", "cbc32")',
    });
    expect(decryptValue(secretbox('box', keys.box, plaintext), etcdKey, undefined)).toMatchObject({
      reason: 'no-key', message: 'no secretbox key named "box" in the encryption config',
    });
  });

  it.each(['v1', 'v2'])('recognises KMS %s values and says why they cannot be decrypted here', (version) => {
    const value = Buffer.concat([Buffer.from(`k8s:enc:kms:${version}:vault-plugin:`), Buffer.alloc(64, 1)]);
    expect(decryptValue(value, etcdKey, ring)).toEqual({
      kind: 'undecryptable',
      provider: 'kms',
      keyName: 'vault-plugin',
      reason: 'kms',
      message: `sealed by KMS ${version} plugin "vault-plugin": only that plugin can unwrap its data key`,
    });
  });

  it('says an unencrypted value is not encrypted', () => {
    expect(decryptValue(Buffer.from('k8s\0\n\x0e'), etcdKey, ring)).toEqual({ kind: 'not-encrypted' });
    expect(decryptValue(Buffer.from('{"kind":"Secret"}'), etcdKey, ring)).toEqual({ kind: 'not-encrypted' });
  });

  it('tries every aescbc secret configured under a name and refuses to guess between two that both "decrypt"', () => {
    const first = Buffer.alloc(32, 0x01);
    const second = Buffer.alloc(32, 0x02);
    const both = parseEncryptionConfig(configYaml([['aescbc', [['k', first]]], ['aescbc', [['k', second]]]]), 'x.yaml');
    const onlySecond = parseEncryptionConfig(configYaml([['aescbc', [['k', second]]]]), 'y.yaml');
    // The second secret of the name opens a value sealed with it.
    expect(decryptValue(aescbc('k', second, plaintext), etcdKey, both)).toMatchObject({ kind: 'decrypted', keyName: 'k' });
    // Find an IV for which the other secret's output also ends in valid padding (about 1 IV in 256): aescbc has no
    // authentication, so the only honest answer is that the key is ambiguous.
    let seed = 0;
    while (seed < 100_000 && decryptValue(aescbc('k', first, plaintext, seed), etcdKey, onlySecond).kind !== 'decrypted') {
      seed++;
    }
    expect(seed).toBeLessThan(100_000);
    expect(decryptValue(aescbc('k', first, plaintext, seed), etcdKey, both)).toMatchObject({
      kind: 'undecryptable', reason: 'ambiguous-key',
    });
  });

  it('never throws, and never "decrypts" random payloads of the authenticated providers', () => {
    const prefixes = ['aescbc:v1:cbc16', 'aesgcm:v1:gcm16', 'secretbox:v1:box', 'kms:v2:x', 'aesgcm:v1:', 'foo:v1:k'];
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 200 }), (prefix, payload) => {
        const result = decryptValue(Buffer.concat([Buffer.from(`k8s:enc:${prefix}:`), payload]), etcdKey, ring);
        if (!prefix.startsWith('aescbc')) expect(result.kind).not.toBe('decrypted');
      }),
    );
  });
});

describe.skipIf(!hasFixtures)(`decrypting a Kubernetes fixture${hasFixtures ? '' : ` (${missingFixturesReason})`}`, () => {
  it('gives back a Secret exactly as kube-apiserver stores it (protobuf) with each provider', () => {
    const stored = readFileSync(join(fixturesDir, 'HEAD', 'core.v1.Secret.pb'));
    const values = [aescbc('cbc16', keys.cbc16, stored), aesgcm('gcm24', keys.gcm24, stored), secretbox('box', keys.box, stored)];
    for (const value of values) expect(plaintextOf(decryptValue(value, etcdKey, ring)).equals(stored)).toBe(true);
  });
});

describe('describeEncrypted', () => {
  it('reads provider, version, key name and ciphertext length without any key', () => {
    expect(describeEncrypted(aesgcm('gcm16', keys.gcm16, plaintext))).toEqual({
      kind: 'encrypted', provider: 'aesgcm', version: 'v1', keyName: 'gcm16', ciphertextLength: 12 + plaintext.length + 16,
    });
    expect(describeEncrypted(Buffer.from('k8s:enc:kms:v2:my-kms:\x0a\x01'))).toEqual({
      kind: 'encrypted', provider: 'kms', version: 'v2', keyName: 'my-kms', ciphertextLength: 2,
    });
  });

  it('is undefined for values that are not encrypted', () => {
    expect(describeEncrypted(Buffer.from('k8s\0'))).toBeUndefined();
    expect(describeEncrypted(Buffer.from('k8s:enc'))).toBeUndefined();
    expect(isEncrypted(Buffer.from('k8s:enc:aescbc:v1:k:'))).toBe(true);
    expect(isEncrypted(Buffer.from([0xd9, 0xd9, 0xf7]))).toBe(false);
  });

  it.each([
    ['k8s:enc:aesctr:v1:k:xyz', 'unknown encryption provider aesctr v1'],
    ['k8s:enc:kms:v3:k:xyz', 'unknown encryption provider kms v3'],
    ['k8s:enc:aescbc:v1:key-without-end', 'unreadable key name after k8s:enc:aescbc:v1:'],
    ['k8s:enc:aescbc:v1::xyz', 'unreadable key name after k8s:enc:aescbc:v1:'],
    ['k8s:enc:aescbc:v1:bad\x07name:xyz', 'unreadable key name after k8s:enc:aescbc:v1:'],
    [`k8s:enc:aescbc:v1:${'n'.repeat(300)}:xyz`, 'unreadable key name after k8s:enc:aescbc:v1:'],
    ['k8s:enc:aescbc', 'unreadable provider in the k8s:enc: prefix'],
    ['k8s:enc:aescbc:v1', 'unreadable version after k8s:enc:aescbc:'],
  ])('calls %j malformed: %s', (value, reason) => {
    expect(describeEncrypted(Buffer.from(value, 'latin1'))).toEqual({ kind: 'malformed', reason });
  });

  it('refuses invalid UTF-8 in names', () => {
    const value = Buffer.concat([Buffer.from('k8s:enc:secretbox:v1:'), Buffer.from([0xc3, 0x28]), Buffer.from(':xx')]);
    expect(describeEncrypted(value)).toEqual({ kind: 'malformed', reason: 'unreadable key name after k8s:enc:secretbox:v1:' });
  });

  it('only ever returns printable names', () => {
    const prefixes = fc.constantFrom('', 'aescbc:', 'aescbc:v1:', 'kms:v2:');
    fc.assert(
      fc.property(prefixes, fc.uint8Array({ maxLength: 60 }), (prefix, tail) => {
        const info = describeEncrypted(Buffer.concat([Buffer.from(`k8s:enc:${prefix}`), tail]));
        const shown = info?.kind === 'encrypted' ? info.keyName : (info?.reason ?? '');
        expect(shown).not.toMatch(/[\p{C}]/u);
      }),
    );
  });
});
