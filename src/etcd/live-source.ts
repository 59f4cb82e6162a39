/**
 * A KeyValueSource over a live etcd: `etcdctl get -w json --limit N` page after page, all at the revision the first
 * page reported, each page starting after the last key of the one before.
 */
import type { EtcdConnection } from './connect.js';
import type { KeyValueSource } from './key-value-source.js';

export function liveKeyValueSource(connection: EtcdConnection): KeyValueSource {
  // TODO(reaching etcd): paging.
  void connection;
  throw new Error('liveKeyValueSource: not implemented yet');
}
