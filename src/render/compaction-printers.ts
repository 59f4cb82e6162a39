/** How `compaction` says how far back history reaches. */
import type { JsonObject } from '../codec/value.js';
import type { CompactionInfo } from '../etcd/compaction-info.js';
import { COMPACT_REV_KEY } from '../etcd/live-history.js';
import { AlignedTable } from './table.js';

function recordText(info: CompactionInfo): string {
  const { record } = info;
  if (record === undefined) return `none (no ${COMPACT_REV_KEY} key: kube-apiserver has not compacted this etcd yet)`;
  const differs = record.revision !== info.compacted ? '; etcd compacted elsewhere since (etcdctl compact or etcd auto-compaction)' : '';
  return `revision ${record.revision} (${COMPACT_REV_KEY}, ${record.compactions} compaction${record.compactions === 1 ? '' : 's'} so far)${differs}`;
}

export function compactionText(info: CompactionInfo): string {
  const table = new AlignedTable(['', '']);
  const span = info.current - info.oldest + 1;
  table.add(['current revision', String(info.current)]);
  table.add(['compacted revision', info.compacted === 0 ? '0 (never compacted)' : String(info.compacted)]);
  table.add(['history reaches back to', `revision ${info.oldest} (${span} revision${span === 1 ? '' : 's'}; reads of older revisions fail)`]);
  table.add(['kube-apiserver compaction', recordText(info)]);
  // The header row of two empty cells is left out.
  return table.take().split('\n').slice(1).join('\n');
}

export function compactionDocument(info: CompactionInfo): JsonObject {
  return {
    currentRevision: info.current,
    compactedRevision: info.compacted,
    oldestRevision: info.oldest,
    apiserverCompaction: info.record === undefined ? null : { revision: info.record.revision, compactions: info.record.compactions },
  };
}
