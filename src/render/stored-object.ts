/**
 * What `decode` and `get` print for one etcd value: the decoded object, or a stand-in object that says plainly
 * what the value is when it cannot be shown decoded (still encrypted, undecodable). Stand-ins use their own
 * apiVersion so no one mistakes them for Kubernetes objects.
 */
import type { DecodedValue } from '../codec/stored-value.js';
import type { JsonObject } from '../codec/value.js';

export const standInApiVersion = 'kubectl-etcd.io/v1';

export function storedObject(decoded: DecodedValue, name: string): JsonObject {
  switch (decoded.status) {
    case 'decoded':
      return decoded.object;
    case 'encrypted':
      return {
        apiVersion: standInApiVersion,
        kind: 'EncryptedValue',
        key: name,
        provider: decoded.provider,
        keyName: decoded.keyName,
        ciphertextBytes: decoded.ciphertextLength,
        reason: decoded.reason,
      };
    case 'undecodable':
      return {
        apiVersion: standInApiVersion,
        kind: 'UndecodableValue',
        key: name,
        reason: decoded.reason,
        offset: decoded.offset,
        fields: decoded.dump,
      };
  }
}

/** Several objects print as kubectl prints a list. */
export function listOf(items: JsonObject[]): JsonObject {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
