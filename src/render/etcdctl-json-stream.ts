/**
 * `etcdctl get -w json` output written one key at a time: one document `{"header":{...},"kvs":[...],"count":N}`
 * with keys and values in base64, zero fields left out and 64-bit lease IDs exact, as etcdctl prints it. The
 * header carries the revision the listing is pinned to (cluster and member IDs are not known to a paged source).
 */
import type { KeyValue } from '../etcd/etcdctl-json.js';

function kvJson(kv: KeyValue): string {
  const fields = [`"key":"${kv.key.toString('base64')}"`];
  if (kv.createRevision !== 0) fields.push(`"create_revision":${kv.createRevision}`);
  if (kv.modRevision !== 0) fields.push(`"mod_revision":${kv.modRevision}`);
  if (kv.version !== 0) fields.push(`"version":${kv.version}`);
  if (kv.value.length > 0) fields.push(`"value":"${kv.value.toString('base64')}"`);
  if (kv.lease !== 0 && kv.lease !== 0n) fields.push(`"lease":${kv.lease.toString()}`);
  return `{${fields.join(',')}}`;
}

export class EtcdctlJsonStream {
  private count = 0;

  /** The text for the next key; `revision` is the listing's. */
  kv(kv: KeyValue, revision: number): string {
    return `${this.count++ === 0 ? `{"header":{"revision":${revision}},"kvs":[` : ','}${kvJson(kv)}`;
  }

  /** The end of the document; without keys, a document with no `kvs`, as etcdctl prints it. */
  end(revision: number): string {
    return this.count === 0 ? `{"header":{"revision":${revision}}}\n` : `],"count":${this.count}}\n`;
  }
}
