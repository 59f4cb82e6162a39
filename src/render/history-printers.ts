/** How `history` prints a key's versions: a table (each row followed by its diff, with --diff), or one YAML/JSON document. */
import type { JsonObject } from '../codec/value.js';
import type { KeyHistory } from '../etcd/key-history.js';
import { colourDiff } from './colour.js';
import { AlignedTable } from './table.js';

export const historyFormats = ['table', 'yaml', 'json'] as const;
export type HistoryFormat = (typeof historyFormats)[number];

/** Where the history starts, in words. */
export function historyReach(history: KeyHistory): string {
  const { compacted, current } = history.bounds;
  if (compacted === 0) return `etcd has never compacted its history: these are all the versions of ${history.key} up to revision ${current}`;
  return `history reaches back to revision ${compacted}, where etcd compacted it (older versions are gone); current revision ${current}`;
}

export function historyTable(history: KeyHistory, colour: boolean): string {
  const table = new AlignedTable(['REVISION', 'EVENT', 'CREATE REVISION', 'VERSION', 'SIZE', 'LEASE']);
  for (const { change } of history.versions) {
    const { kv } = change;
    const deleted = change.kind === 'DELETED';
    const lease = kv.lease === 0 || kv.lease === 0n ? '<none>' : BigInt(kv.lease).toString(16);
    const held = change.revision <= history.bounds.compacted ? ' (held at compaction)' : '';
    table.add([String(change.revision), `${change.kind}${held}`, deleted ? '-' : String(kv.createRevision), deleted ? '-' : String(kv.version), deleted ? '-' : String(kv.value.length), deleted ? '-' : lease]);
  }
  const lines = table.take().split('\n');
  let out = `${lines[0]}\n`;
  history.versions.forEach((version, i) => {
    out += `${lines[i + 1]}\n`;
    if (version.diff) out += colour ? colourDiff(version.diff) : version.diff;
  });
  return `${out}${historyReach(history)}\n`;
}

export function historyDocument(history: KeyHistory): JsonObject {
  return {
    key: history.key,
    currentRevision: history.bounds.current,
    compactedRevision: history.bounds.compacted,
    versions: history.versions.map(({ change, object, diff }) => ({
      revision: change.revision,
      type: change.kind,
      ...(change.kind === 'DELETED' ? {} : {
        createRevision: change.kv.createRevision,
        version: change.kv.version,
        size: change.kv.value.length,
        lease: BigInt(change.kv.lease).toString(16),
        object: object ?? null,
      }),
      ...(diff !== undefined ? { diff } : {}),
    })),
  };
}
