/**
 * How `watch` prints each change as it arrives: a compact table row (and the diff of a modification, with
 * --diff), or one YAML or JSON document per change.
 */
import type { JsonObject } from '../codec/value.js';
import type { KeyChange } from '../etcd/watch-json.js';
import { colourDiff } from './colour.js';
import { formatObject, type ObjectFormat } from './output.js';
import { AlignedTable } from './table.js';

export const watchFormats = ['table', 'yaml', 'json'] as const;
export type WatchFormat = (typeof watchFormats)[number];

export interface WatchEvent {
  readonly change: KeyChange;
  readonly received: Date;
  /** The object after the change; for a deletion, the object it removed (when the watch asked for previous values). */
  readonly object: JsonObject | undefined;
  /** For a modification with --diff: the unified diff of the decoded YAML. */
  readonly diff: string | undefined;
}

export interface WatchPrinter {
  event(event: WatchEvent): string;
}

/** `14:03:07.123`: the local time of day, to the millisecond. */
function timeOfDay(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/**
 * Rows are printed one at a time, so columns cannot be sized on all of them: the header cells are as wide as the
 * widest value they will usually hold (MODIFIED, a value of up to 1.5 MB), and the key, which varies most, is last.
 */
const COLUMNS = ['RECEIVED', 'EVENT'.padEnd('MODIFIED'.length), 'REVISION', 'SIZE'.padEnd('1572864'.length), 'KEY'];

class TableWatchPrinter implements WatchPrinter {
  private readonly table = new AlignedTable(COLUMNS);

  constructor(private readonly colour: boolean) {}

  event({ change, received, diff }: WatchEvent): string {
    const size = change.kind === 'DELETED' ? '-' : String(change.kv.value.length);
    this.table.add([timeOfDay(received), change.kind, String(change.revision), size, change.kv.key.toString('utf8')]);
    const row = this.table.take();
    if (diff === undefined || diff === '') return row;
    return row + (this.colour ? colourDiff(diff) : diff);
  }
}

/** One document per change: what changed, when it arrived, the object, and the diff when asked for. */
export function watchDocument(event: WatchEvent): JsonObject {
  const { change } = event;
  return {
    type: change.kind,
    key: change.kv.key.toString('utf8'),
    revision: change.revision,
    received: event.received.toISOString(),
    ...(event.object !== undefined ? { object: event.object } : {}),
    ...(event.diff !== undefined ? { diff: event.diff } : {}),
  };
}

class DocumentWatchPrinter implements WatchPrinter {
  private first = true;

  constructor(private readonly format: ObjectFormat) {}

  event(event: WatchEvent): string {
    const text = formatObject(watchDocument(event), this.format);
    // YAML documents in one stream are separated by `---`; JSON documents simply follow each other.
    const separator = this.format === 'yaml' && !this.first ? '---\n' : '';
    this.first = false;
    return separator + text;
  }
}

export function watchPrinter(format: WatchFormat, colour: boolean): WatchPrinter {
  return format === 'table' ? new TableWatchPrinter(colour) : new DocumentWatchPrinter(format);
}
