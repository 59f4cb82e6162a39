/**
 * Errors of the offline reader. They are UserErrors: a damaged or foreign file is something to tell a person about
 * plainly (which file, which page, which byte offset), never a stack trace.
 */
import { ExitCode, UserError } from '../../cli/exit-codes.js';

/** Where in the file a problem sits: a page, the byte offset it starts at, and what was being read there. */
export interface FileLocation {
  readonly pageId?: number;
  readonly offset?: number;
  /** e.g. `leaf element 3 of page 12`, `inline bucket "key"`. */
  readonly detail?: string;
}

function where(location: FileLocation): string {
  const parts: string[] = [];
  if (location.pageId !== undefined) parts.push(`page ${location.pageId}`);
  if (location.offset !== undefined) parts.push(`offset ${location.offset}`);
  const place = parts.join(' at ');
  if (location.detail) return place ? `${place} (${location.detail})` : location.detail;
  return place;
}

/** The file is not a bbolt database, or it is truncated or damaged. */
export class BoltFormatError extends UserError {
  constructor(
    readonly path: string,
    readonly problem: string,
    readonly location: FileLocation = {},
  ) {
    const place = where(location);
    super(`${path}: ${place ? `${place}: ` : ''}${problem}`, ExitCode.error, 'the file is not a readable etcd database (bbolt); check that it is a complete snapshot or member/snap/db');
    this.name = 'BoltFormatError';
  }
}

/** A bbolt database that does not hold what etcd stores (a `key` bucket of revisions with mvccpb.KeyValue values). */
export class EtcdLayoutError extends UserError {
  constructor(readonly path: string, problem: string) {
    super(`${path}: ${problem}`, ExitCode.error, 'the file is a bbolt database but not one written by etcd v3');
    this.name = 'EtcdLayoutError';
  }
}

/** A read at a revision the file no longer or not yet holds; etcd answers these with the same words. */
export class RevisionUnavailableError extends UserError {
  constructor(
    readonly revision: number,
    readonly reason: 'compacted' | 'future',
    readonly bound: number,
  ) {
    super(
      reason === 'compacted'
        ? `revision ${revision} has been compacted: the snapshot keeps history from revision ${bound} on (mvcc: required revision has been compacted)`
        : `revision ${revision} is newer than the snapshot's revision ${bound} (mvcc: required revision is a future revision)`,
      ExitCode.error,
    );
    this.name = 'RevisionUnavailableError';
  }
}

/** bbolt's consistency check found problems (the words are bbolt's: `page 12: multiple references`). */
export class BoltIntegrityError extends UserError {
  constructor(
    readonly path: string,
    readonly problems: readonly string[],
  ) {
    const shown = problems.slice(0, 20);
    const more = problems.length > shown.length ? `\n  ... and ${problems.length - shown.length} more` : '';
    super(`${path}: integrity check failed, ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${shown.join('\n  ')}${more}`, ExitCode.error);
    this.name = 'BoltIntegrityError';
  }
}
