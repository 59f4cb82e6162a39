/**
 * The sha256 trailer of a snapshot checked while the snapshot streams by: everything but the last 32 bytes is
 * hashed, the last 32 are held back, and at the end the two are compared. One pass, no second read of the file.
 */
import { createHash, type Hash } from 'node:crypto';
import { TRAILER_BYTES } from './snapshot/snapshot-trailer.js';

export interface TrailerVerdict {
  /** Bytes of the database, without the trailer. */
  readonly databaseBytes: number;
  readonly expected: string;
  readonly actual: string;
  readonly valid: boolean;
}

export class TrailerHash {
  private readonly hash: Hash = createHash('sha256');
  private held: Buffer = Buffer.alloc(0);
  private hashed = 0;

  update(chunk: Buffer): void {
    if (chunk.length >= TRAILER_BYTES) {
      this.hash.update(this.held);
      this.hash.update(chunk.subarray(0, chunk.length - TRAILER_BYTES));
      this.hashed += this.held.length + chunk.length - TRAILER_BYTES;
      this.held = Buffer.from(chunk.subarray(chunk.length - TRAILER_BYTES));
      return;
    }
    const joined = Buffer.concat([this.held, chunk]);
    const release = joined.length - TRAILER_BYTES;
    if (release > 0) {
      this.hash.update(joined.subarray(0, release));
      this.hashed += release;
    }
    this.held = joined.subarray(Math.max(0, release));
  }

  finish(): TrailerVerdict {
    const expected = this.held.length === TRAILER_BYTES ? this.held.toString('hex') : '';
    const actual = this.hash.digest('hex');
    return { databaseBytes: this.hashed, expected, actual, valid: expected === actual };
  }
}
