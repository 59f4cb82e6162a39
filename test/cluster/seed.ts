/**
 * Seed sets: what the test cluster's etcd holds before the first test runs, written through the project's own
 * encoder (built-in kinds as protobuf, custom resources, CRDs and APIServices as JSON) and the real etcdctl.
 */
import type { JsonObject } from '../../src/codec/value.js';
import { encodeObject } from '../../src/codec/encode.js';
import { encryptAescbc, newAescbcKey, writeEncryptionConfiguration } from './aescbc.js';
import { cronTabResources, demoObjects } from './demo-objects.js';
import type { EtcdCluster } from './etcd.js';
import { grantLease, writeKeys, writeKeysOverGateway, type KeyValue } from './etcd-writer.js';
import { fixtureEntries } from './fixture-objects.js';
import { storageKey } from './key-layout.js';
import { LARGE_NAMESPACE_COUNT, largeNamespaceName, largeObject } from './large-objects.js';
import { timestamp } from './objects.js';

export type SeedName = 'none' | 'fixtures' | 'demo' | `large:${number}`;

export function isSeedName(name: string): name is SeedName {
  return ['none', 'fixtures', 'demo'].includes(name) || /^large:[1-9]\d*$/.test(name);
}

export interface SeedOptions {
  name: SeedName;
  /** Key prefix of the profile (`/registry`, `/kubernetes.io`). */
  prefix: string;
  /** Where the EncryptionConfiguration for the encrypted Secret is written. */
  encryptionConfigPath: string;
  createdAt: Date;
  nodeNames: readonly string[];
}

export interface SeedReport {
  /** Keys written, sorted. */
  keys: string[];
  /** Keys attached to the shared event lease. */
  leasedKeys: string[];
  /** Key of the Secret encrypted with aescbc. */
  encryptedSecretKey: string | undefined;
  /** Hex ID of the lease the events carry. */
  eventLease: string | undefined;
  /** Fixtures not written because the API server never stores their kind. */
  notStored: string[];
  milliseconds: number;
}

/** Lease TTL kube-apiserver gives events (--event-ttl default 1h). */
const EVENT_TTL_SECONDS = 3600;

interface PendingKey {
  key: string;
  value: Uint8Array;
  leased: boolean;
}

function stored(prefix: string, object: JsonObject, leased = false): PendingKey {
  const metadata = object['metadata'] as { name: string; namespace?: string };
  const key = storageKey(prefix, { kind: String(object['kind']), name: metadata.name, namespace: metadata.namespace });
  if (key === undefined) throw new Error(`${String(object['kind'])} is not a stored kind`);
  return { key, value: encodeObject(object), leased };
}

/** JSON as kube-apiserver's JSON serializer stores it: compact, newline-terminated. */
function storedJson(key: string, object: JsonObject): PendingKey {
  return { key, value: Buffer.from(`${JSON.stringify(object)}\n`), leased: false };
}

/** A Secret encrypted at rest with a fresh aescbc key, whose EncryptionConfiguration is written to `configPath`. */
async function encryptedSecret(prefix: string, configPath: string, created: string): Promise<PendingKey> {
  const key = newAescbcKey('key1');
  await writeEncryptionConfiguration(configPath, key);
  const secret: JsonObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db-encrypted', namespace: 'default', uid: crypto.randomUUID(), creationTimestamp: created },
    type: 'Opaque',
    data: { password: Buffer.from('encrypted-at-rest').toString('base64') },
  };
  const plain = stored(prefix, secret);
  return { ...plain, value: encryptAescbc(key, plain.value) };
}

interface SeedSet {
  /** Keys to write, in chunks produced on demand (a large set is encoded while the previous chunk is written). */
  chunks: Iterable<PendingKey[]>;
  notStored: string[];
}

// Objects encoded per chunk of a large seed: big enough for full transactions, small enough to overlap.
const LARGE_CHUNK = 5000;

function* largeChunks(prefix: string, count: number, created: string): Generator<PendingKey[]> {
  yield Array.from({ length: Math.min(count, LARGE_NAMESPACE_COUNT) }, (_, i) =>
    stored(prefix, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: largeNamespaceName(i), uid: crypto.randomUUID(), creationTimestamp: created }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } }),
  );
  for (let start = 0; start < count; start += LARGE_CHUNK) {
    yield Array.from({ length: Math.min(LARGE_CHUNK, count - start) }, (_, i) => {
      const { object, leased } = largeObject(start + i, created);
      return stored(prefix, object, leased);
    });
  }
}

async function seedSet(options: SeedOptions): Promise<SeedSet> {
  const { prefix } = options;
  const created = timestamp(options.createdAt);
  if (options.name === 'none') return { chunks: [], notStored: [] };
  if (options.name === 'fixtures') {
    const fixtures = fixtureEntries(prefix);
    const keys = [
      ...fixtures.entries.map((entry) => ({ key: entry.key, value: entry.value, leased: false })),
      ...cronTabResources(prefix, created).map(({ key, object }) => storedJson(key, object)),
      await encryptedSecret(prefix, options.encryptionConfigPath, created),
    ];
    return { chunks: [keys], notStored: fixtures.notStored };
  }
  if (options.name === 'demo') {
    const demo = demoObjects({ createdAt: options.createdAt, nodeNames: options.nodeNames }, prefix);
    const keys = [
      ...demo.objects.map((object) => stored(prefix, object)),
      ...demo.events.map((object) => stored(prefix, object, true)),
      ...demo.json.map(({ key, object }) => storedJson(key, object)),
      await encryptedSecret(prefix, options.encryptionConfigPath, created),
    ];
    return { chunks: [keys], notStored: [] };
  }
  return { chunks: largeChunks(prefix, Number(options.name.slice('large:'.length)), created), notStored: [] };
}

export async function seedCluster(etcd: EtcdCluster, options: SeedOptions): Promise<SeedReport> {
  const started = Date.now();
  const { chunks, notStored } = await seedSet(options);
  // Demo and large sets hold events, which share one lease.
  const eventLease = options.name === 'demo' || options.name.startsWith('large:') ? await grantLease(etcd, EVENT_TTL_SECONDS) : undefined;
  // Bulk loads go through etcd's JSON gateway; everything else through etcdctl (see etcd-writer.ts).
  const write = options.name.startsWith('large:') ? writeKeysOverGateway : writeKeys;
  const keys: string[] = [];
  const leasedKeys: string[] = [];
  let encryptedSecretKey: string | undefined;
  let writing: Promise<void> = Promise.resolve();
  for (const chunk of chunks) {
    const entries: KeyValue[] = chunk.map((k) => ({ key: k.key, value: k.value, ...(k.leased && eventLease ? { lease: eventLease } : {}) }));
    for (const k of chunk) {
      keys.push(k.key);
      if (k.leased) leasedKeys.push(k.key);
      if (Buffer.from(k.value.subarray(0, 8)).toString() === 'k8s:enc:') encryptedSecretKey = k.key;
    }
    await writing;
    writing = write(etcd, entries);
    // Observed when awaited (next chunk or below); this keeps a failure from counting as unhandled meanwhile.
    writing.catch(() => undefined);
  }
  await writing;
  return { keys: keys.sort(), leasedKeys: leasedKeys.sort(), encryptedSecretKey, eventLease, notStored, milliseconds: Date.now() - started };
}
