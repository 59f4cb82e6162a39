/**
 * The history of one key as `history` shows it: each version etcd holds, decoded, with what changed from the
 * version before. A re-created key is compared with the last value it had before its deletion.
 */
import type { KeyRing } from '../codec/encryption-config.js';
import type { JsonObject } from '../codec/value.js';
import { objectDiff, versionLabel } from '../render/object-diff.js';
import { showStoredValue } from './decoded-object.js';
import type { KeyHistorySource, RevisionBounds } from './history-source.js';
import type { KeyChange } from './watch-json.js';

export interface HistoryVersion {
  readonly change: KeyChange;
  /** Undefined for a deletion. */
  readonly object: JsonObject | undefined;
  /** With diffs asked for: what changed from the previous value (undefined for the first version and deletions). */
  readonly diff: string | undefined;
}

export interface KeyHistory {
  readonly key: string;
  readonly bounds: RevisionBounds;
  readonly versions: readonly HistoryVersion[];
  /** How many values are shown as stand-ins (encrypted, undecodable). */
  readonly incomplete: number;
}

export interface HistoryOptions {
  readonly keyPrefix: string;
  readonly keyRing?: KeyRing;
  readonly diff: boolean;
}

export function historyVersions(key: string, changes: readonly KeyChange[], options: HistoryOptions): { versions: HistoryVersion[]; incomplete: number } {
  const versions: HistoryVersion[] = [];
  let incomplete = 0;
  let previous: { object: JsonObject; revision: number } | undefined;
  let deletedAt: number | undefined;
  for (const change of changes) {
    if (change.kind === 'DELETED') {
      versions.push({ change, object: undefined, diff: undefined });
      deletedAt = change.revision;
      continue;
    }
    const shown = showStoredValue(change.kv, options.keyPrefix, options.keyRing);
    if (!shown.decoded) incomplete++;
    const diff = options.diff && previous !== undefined
      ? objectDiff(
        { object: previous.object, label: versionLabel(key, previous.revision, deletedAt === undefined ? undefined : `deleted at ${deletedAt}`) },
        { object: shown.object, label: versionLabel(key, change.revision) },
      )
      : undefined;
    versions.push({ change, object: shown.object, diff });
    previous = { object: shown.object, revision: change.revision };
    deletedAt = undefined;
  }
  return { versions, incomplete };
}

export async function readKeyHistory(source: KeyHistorySource, key: string, options: HistoryOptions, signal?: AbortSignal): Promise<KeyHistory> {
  const bounds = await source.revisions(signal);
  const changes = await source.keyHistory(Buffer.from(key), bounds, signal);
  return { key, bounds, ...historyVersions(key, changes, options) };
}
