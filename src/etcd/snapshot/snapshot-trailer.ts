/**
 * The sha256 trailer of snapshot files. etcd's maintenance Snapshot stream sends the database followed by the
 * sha256 of the database (32 bytes), and `etcdctl snapshot save` keeps both. `snapshot restore` treats a file as
 * carrying the trailer when its size modulo 512 is 32 (a bbolt file is whole pages, so a multiple of 512), and then
 * requires the digest to match; a copy of `member/snap/db` has none (restore needs --skip-hash-check).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export const TRAILER_BYTES = 32;

export type TrailerCheck =
  | { readonly present: false; readonly fileBytes: number }
  | {
      readonly present: true;
      readonly fileBytes: number;
      /** The digest the trailer holds, hex. */
      readonly expected: string;
      /** The digest of the bytes before it, hex. */
      readonly actual: string;
      readonly valid: boolean;
    };

/** etcd's rule for whether a file of this size ends with the trailer. */
export function hasSha256Trailer(fileBytes: number): boolean {
  return fileBytes % 512 === TRAILER_BYTES;
}

/** Checks the trailer by streaming the file once (bounded memory); reports `present: false` when there is none. */
export async function checkSha256Trailer(path: string, signal?: AbortSignal): Promise<TrailerCheck> {
  const fileBytes = (await stat(path)).size;
  if (!hasSha256Trailer(fileBytes)) return { present: false, fileBytes };
  const databaseBytes = fileBytes - TRAILER_BYTES;
  const hash = createHash('sha256');
  const trailer: Buffer[] = [];
  let position = 0;
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024, ...(signal ? { signal } : {}) });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const split = Math.max(0, Math.min(chunk.length, databaseBytes - position));
    hash.update(chunk.subarray(0, split));
    if (split < chunk.length) trailer.push(chunk.subarray(split));
    position += chunk.length;
  }
  const expected = Buffer.concat(trailer).toString('hex');
  const actual = hash.digest('hex');
  return { present: true, fileBytes, expected, actual, valid: expected === actual };
}
