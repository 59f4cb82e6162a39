/** One key at two revisions, decoded and compared: what `diff` prints. */
import { ExitCode, UserError } from '../cli/exit-codes.js';
import type { KeyRing } from '../codec/encryption-config.js';
import { objectDiff, versionLabel } from '../render/object-diff.js';
import { showStoredValue } from './decoded-object.js';
import { oldestReadable, type KeyHistorySource, type RevisionBounds } from './history-source.js';
import { readKeyAt } from './live-history.js';

export interface RevisionDiff {
  readonly before: number;
  readonly after: number;
  /** Empty when the object is the same at both. */
  readonly diff: string;
  /** How many of the two values are shown as stand-ins (encrypted, undecodable). */
  readonly incomplete: number;
}

/** A revision etcd can still read, or an error that says why not. */
export function checkReadable(revision: number, bounds: RevisionBounds): void {
  if (revision < oldestReadable(bounds)) {
    throw new UserError(`revision ${revision} has been compacted: etcd keeps history from revision ${bounds.compacted} on`, ExitCode.error, `kubectl etcd compaction shows how far back history reaches`);
  }
  if (revision > bounds.current) throw new UserError(`revision ${revision} is in the future: the current revision is ${bounds.current}`, ExitCode.error);
}

export async function diffRevisions(
  source: KeyHistorySource,
  key: string,
  revisions: { readonly before: number; readonly after?: number },
  options: { readonly keyPrefix: string; readonly keyRing?: KeyRing },
  signal?: AbortSignal,
): Promise<RevisionDiff> {
  const bounds = await source.revisions(signal);
  const before = revisions.before;
  const after = revisions.after ?? bounds.current;
  checkReadable(before, bounds);
  checkReadable(after, bounds);
  const [old, now] = await Promise.all([before, after].map((revision) => readKeyAt(source, Buffer.from(key), revision, signal)));
  if (old === undefined && now === undefined) throw new UserError(`key ${key} exists at neither revision ${before} nor ${after}`, ExitCode.error);
  const shown = [old, now].map((kv) => (kv === undefined ? undefined : showStoredValue(kv, options.keyPrefix, options.keyRing)));
  const label = (revision: number, present: boolean) => versionLabel(key, revision, present ? undefined : 'absent');
  const diff = objectDiff(
    { object: shown[0]?.object, label: label(before, old !== undefined) },
    { object: shown[1]?.object, label: label(after, now !== undefined) },
  );
  return { before, after, diff, incomplete: shown.filter((s) => s !== undefined && !s.decoded).length };
}
