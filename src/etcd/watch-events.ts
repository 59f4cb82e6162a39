/** A change from a watch as `watch` prints it: decoded, and with --diff what a modification changed. */
import type { KeyRing } from '../codec/encryption-config.js';
import { objectDiff, versionLabel } from '../render/object-diff.js';
import type { WatchEvent } from '../render/watch-printers.js';
import { showStoredValue } from './decoded-object.js';
import type { KeyChange } from './watch-json.js';

export interface EventOptions {
  readonly keyPrefix: string;
  readonly keyRing?: KeyRing;
  /** Whether to show the objects (yaml/json output); the table needs none. */
  readonly objects: boolean;
  readonly diff: boolean;
}

export function watchEvent(change: KeyChange, received: Date, options: EventOptions): WatchEvent {
  const show = (kv: KeyChange['kv'] | undefined) => (kv === undefined ? undefined : showStoredValue(kv, options.keyPrefix, options.keyRing).object);
  const wantsPrevious = options.diff && change.kind === 'MODIFIED';
  const object = options.objects || wantsPrevious ? show(change.kind === 'DELETED' ? change.prevKv : change.kv) : undefined;
  const key = change.kv.key.toString('utf8');
  const diff = wantsPrevious && change.prevKv !== undefined
    ? objectDiff({ object: show(change.prevKv), label: versionLabel(key, change.prevKv.modRevision) }, { object, label: versionLabel(key, change.revision) })
    : undefined;
  return { change, received, object: options.objects ? object : undefined, diff };
}
