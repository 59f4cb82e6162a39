/**
 * What `snapshot status` tells of a file, computed here by the offline reader: etcdctl's four numbers (hash, revision,
 * total keys, total size) and the verdict on the sha256 trailer, which a damaged file fails.
 */
import { ExitCode, UserError } from '../cli/exit-codes.js';
import { AlignedTable } from '../render/table.js';
import { humanBytes } from '../render/tree.js';
import { BoltDb } from './snapshot/bbolt-db.js';
import { snapshotStatus, type SnapshotStatus } from './snapshot/snapshot-status.js';
import { checkSha256Trailer, type TrailerCheck } from './snapshot/snapshot-trailer.js';

export interface SnapshotFacts {
  readonly file: string;
  readonly status: SnapshotStatus;
  readonly trailer: TrailerCheck;
}

export async function readSnapshotFacts(file: string): Promise<SnapshotFacts> {
  let db: BoltDb;
  try {
    db = BoltDb.open(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new UserError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, ExitCode.error);
  }
  let status: SnapshotStatus;
  try {
    status = snapshotStatus(db);
  } finally {
    db.close();
  }
  const trailer = await checkSha256Trailer(file);
  if (trailer.present && !trailer.valid) {
    throw new UserError(`${file}: the sha256 trailer does not match the database (trailer ${trailer.expected}, content ${trailer.actual}): the file was damaged or cut`, ExitCode.error);
  }
  return { file, status, trailer };
}

/** etcdctl's `snapshot status -w json`, field for field. */
export function statusJson(facts: SnapshotFacts): string {
  const { hash, revision, totalKey, totalSize } = facts.status;
  return `${JSON.stringify({ hash, revision, totalKey, totalSize })}\n`;
}

export function statusTable(facts: SnapshotFacts): string {
  const { hash, revision, totalKey, totalSize } = facts.status;
  const table = new AlignedTable(['HASH', 'REVISION', 'TOTAL KEYS', 'TOTAL SIZE', 'SHA256 TRAILER']);
  table.add([hash.toString(16), String(revision), String(totalKey), humanBytes(totalSize), facts.trailer.present ? 'valid' : 'none (a copy of member/snap/db?)']);
  return table.take();
}
