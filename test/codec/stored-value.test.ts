/**
 * decodeStoredValue on every kind of value etcd holds for Kubernetes, built from real Kubernetes serialization:
 * protobuf fixtures, JSON custom resources and CRDs, encrypted values, CBOR, and broken bytes.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unknownFieldsKey } from '../../src/codec/decode-message.js';
import { parseEncryptionConfig } from '../../src/codec/encryption-config.js';
import { dumpMessage } from '../../src/codec/schemaless.js';
import { allPackages } from '../../src/codec/schema/index.js';
import { SchemaRegistry } from '../../src/codec/schema/registry.js';
import type { PackageSchema } from '../../src/codec/schema/types.js';
import { decodeStoredValue } from '../../src/codec/stored-value.js';
import type { JsonObject } from '../../src/codec/value.js';
import { fixturesDir, hasFixtures, missingFixturesReason } from '../fixtures.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const fixture = (name: string, extension: string): Buffer => readFileSync(join(fixturesDir, 'HEAD', `${name}.${extension}`));
const fixtureJson = (name: string): JsonObject => JSON.parse(fixture(name, 'json').toString('utf8')) as JsonObject;

describe.skipIf(!hasFixtures)(`stored values${hasFixtures ? '' : ` (${missingFixturesReason})`}`, () => {
  it('keeps fields the schema does not know, visibly, and reports them', () => {
    // An older kubectl-etcd: its ConfigMap has no `immutable` field (added in Kubernetes 1.21, number 4).
    const older: PackageSchema[] = allPackages.map((pkg) => {
      if (pkg.proto !== 'k8s.io.api.core.v1') return pkg;
      const { immutable: _dropped, ...configMap } = pkg.messages.ConfigMap as Record<string, string>;
      return { ...pkg, messages: { ...pkg.messages, ConfigMap: configMap } };
    });
    const decoded = decodeStoredValue(fixture('core.v1.ConfigMap', 'pb'), { registry: new SchemaRegistry(older) });
    expect(decoded.status).toBe('decoded');
    if (decoded.status !== 'decoded') return;
    expect(decoded.unknownFields).toEqual([{ message: 'k8s.io.api.core.v1.ConfigMap', field: 4, wireType: 'varint' }]);
    expect(decoded.object[unknownFieldsKey]).toEqual([{ field: 4, wireType: 'varint', value: 1 }]);
    const { [unknownFieldsKey]: _unknown, ...known } = decoded.object;
    const { immutable: _immutable, ...expected } = fixtureJson('core.v1.ConfigMap');
    expect(known).toEqual(expected);
  });

  it('passes JSON values through (CRDs and custom resources are stored as JSON)', () => {
    const crd = readFileSync(join(fixturesDir, 'apiextensions-apiserver', 'HEAD', 'apiextensions.k8s.io.v1.CustomResourceDefinition.json'));
    const decoded = decodeStoredValue(crd);
    expect(decoded).toMatchObject({ status: 'decoded', encoding: 'json' });
    if (decoded.status === 'decoded') expect(decoded.object).toEqual(JSON.parse(crd.toString('utf8')));
  });

  it('decodes a custom resource embedded as JSON in a protobuf WatchEvent given its type', () => {
    const decoded = decodeStoredValue(fixture('core.v1.WatchEvent', 'pb'), { typeHint: { apiVersion: 'v1', kind: 'WatchEvent' } });
    expect(decoded).toMatchObject({ status: 'decoded', object: fixtureJson('core.v1.WatchEvent') });
  });

  it('says when a value has no type and none was given', () => {
    const decoded = decodeStoredValue(fixture('core.v1.WatchEvent', 'pb'));
    expect(decoded).toMatchObject({ status: 'undecodable', reason: expect.stringContaining('no apiVersion/kind') });
  });

  const secretKey = randomBytes(32);
  const keyRing = parseEncryptionConfig(`
apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
- resources: [secrets]
  providers:
  - aescbc:
      keys:
      - name: test-key
        secret: ${secretKey.toString('base64')}
  - identity: {}
`, 'test.yaml');

  function aescbcStored(plaintext: Buffer): Buffer {
    // kube-apiserver's aescbc layout: prefix, 16-byte IV, AES-256-CBC with PKCS#7 padding.
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-256-cbc', secretKey, iv);
    return Buffer.concat([Buffer.from('k8s:enc:aescbc:v1:test-key:'), iv, cipher.update(plaintext), cipher.final()]);
  }

  it('decrypts a Secret encrypted at rest with a key from the EncryptionConfiguration, then decodes it', () => {
    const stored = aescbcStored(fixture('core.v1.Secret', 'pb'));
    const decoded = decodeStoredValue(stored, { key: '/registry/secrets/default/s', keyRing });
    expect(decoded).toMatchObject({ status: 'decoded', decryptedWith: { provider: 'aescbc', keyName: 'test-key' }, object: fixtureJson('core.v1.Secret') });
  });

  it('reports an encrypted value without its key as encrypted, never as garbage', () => {
    const stored = aescbcStored(fixture('core.v1.Secret', 'pb'));
    const decoded = decodeStoredValue(stored, { key: '/registry/secrets/default/s' });
    expect(decoded).toMatchObject({ status: 'encrypted', provider: 'aescbc', keyName: 'test-key', ciphertextLength: stored.length - 'k8s:enc:aescbc:v1:test-key:'.length });
  });

  it('names the byte offset of a truncated value and dumps what it could read', () => {
    const bytes = fixture('apps.v1.Deployment', 'pb');
    const decoded = decodeStoredValue(bytes.subarray(0, 200));
    expect(decoded.status).toBe('undecodable');
    if (decoded.status !== 'undecodable') return;
    expect(decoded.reason).toMatch(/^truncated apps\/v1 Deployment: the value ends \d+ bytes before its object does$/);
    expect(decoded.offset).toBe(200);
    // The object's first field (metadata) starts within the 200 bytes: the dump shows what arrived.
    expect(JSON.stringify(decoded.dump)).toContain('nameValue');
  });

  it('names the byte offset of a corrupt object inside a whole value', () => {
    const bytes = Buffer.from(fixture('apps.v1.Deployment', 'pb'));
    // Overwrite the object's first tag with wire type 7, which protobuf does not define.
    const objectStart = bytes.indexOf(Buffer.from('Deployment')) + 'Deployment'.length + 3;
    bytes[objectStart] = 0x0f;
    const decoded = decodeStoredValue(bytes);
    expect(decoded).toMatchObject({ status: 'undecodable', offset: objectStart + 1, reason: expect.stringContaining('apps/v1 Deployment') });
  });

  it('says which type is unknown instead of guessing', () => {
    const renamed = Buffer.from(fixture('apps.v1.Deployment', 'pb'));
    renamed.write('zpps/v1', 8, 'latin1');
    expect(decodeStoredValue(renamed)).toMatchObject({ status: 'undecodable', reason: expect.stringContaining('group version zpps/v1') });
  });

  it('shows the schema-less fields of a value it cannot type', () => {
    const decoded = decodeStoredValue(fixture('core.v1.ConfigMap', 'pb').subarray(4));
    expect(decoded.status).toBe('undecodable');
    if (decoded.status === 'undecodable') expect(decoded.dump).toEqual(dumpMessage(fixture('core.v1.ConfigMap', 'pb').subarray(4)));
  });
});

describe('stored values without fixtures', () => {
  it('decodes a CBOR value (self-described, as Kubernetes writes custom resources under CBORServingAndStorage)', () => {
    // RFC 8949 appendix A's {"a": 1, "b": [2, 3]} behind the self-describe tag 55799.
    const decoded = decodeStoredValue(Buffer.from('d9d9f7a26161016162820203', 'hex'));
    expect(decoded).toMatchObject({ status: 'decoded', encoding: 'cbor', object: { a: 1, b: [2, 3] } });
  });

  it('rejects an empty value and random bytes with a reason', () => {
    expect(decodeStoredValue(new Uint8Array(0))).toMatchObject({ status: 'undecodable', reason: 'the value is empty' });
    expect(decodeStoredValue(Buffer.from('hello'))).toMatchObject({ status: 'undecodable', offset: 0 });
  });
});
