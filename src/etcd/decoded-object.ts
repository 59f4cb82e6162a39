/**
 * One stored value as the object a person reads: decoded with the type its key implies (values written without
 * apiVersion/kind need it), or the stand-in that says why it cannot be (encrypted, undecodable).
 */
import type { KeyRing } from '../codec/encryption-config.js';
import { decodeStoredValue } from '../codec/stored-value.js';
import type { JsonObject } from '../codec/value.js';
import { storedObject } from '../render/stored-object.js';
import type { KeyValue } from './etcdctl-json.js';
import { apiVersionOf, parseKey } from './key-layout.js';

export interface ShownObject {
  readonly object: JsonObject;
  /** False for a stand-in: the value is encrypted or undecodable. */
  readonly decoded: boolean;
}

export function showStoredValue(kv: KeyValue, keyPrefix: string, keyRing?: KeyRing): ShownObject {
  const key = kv.key.toString('utf8');
  const type = parseKey(keyPrefix, key)?.type;
  const decoded = decodeStoredValue(kv.value, {
    key,
    ...(keyRing !== undefined ? { keyRing } : {}),
    ...(type !== undefined ? { typeHint: { apiVersion: apiVersionOf(type), kind: type.kind } } : {}),
  });
  return { object: storedObject(decoded, key), decoded: decoded.status === 'decoded' };
}
