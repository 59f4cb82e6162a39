/**
 * A small zip writer and lister, enough for a release archive (a few files, deflated, each under 4 GiB) and for
 * checking one. Layout from PKWARE's APPNOTE: local headers with the data, then the central directory, then its
 * end record. Entries carry Unix modes (made by Unix) and a fixed time, so the same inputs give the same bytes.
 */
import { open, readFile, writeFile } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipInput {
  readonly name: string;
  readonly path: string;
  readonly mode: number;
}

export interface ZipEntry {
  readonly name: string;
  readonly mode: number;
  readonly size: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION_NEEDED = 20;
const MADE_BY_UNIX = (3 << 8) | VERSION_NEEDED;
const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const REGULAR_FILE = 0o100000;
const MAX_32 = 0xffffffff;

/** MS-DOS date and time, in local fields taken as UTC; zip cannot say anything before 1980. */
function dosDateTime(when: Date): { date: number; time: number } {
  const at = when.getTime() < Date.UTC(1980, 0, 1) ? new Date(Date.UTC(1980, 0, 1)) : when;
  return {
    date: ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
  };
}

interface Stored {
  readonly name: Buffer;
  readonly mode: number;
  readonly crc: number;
  readonly size: number;
  readonly compressed: Buffer;
  readonly offset: number;
}

/** The fields local and central headers share, in the same order: version needed to extract .. file name length. */
function writeSharedFields(header: Buffer, at: number, entry: Stored, stamp: { date: number; time: number }): void {
  header.writeUInt16LE(VERSION_NEEDED, at);
  header.writeUInt16LE(UTF8_NAMES, at + 2);
  header.writeUInt16LE(DEFLATE, at + 4);
  header.writeUInt16LE(stamp.time, at + 6);
  header.writeUInt16LE(stamp.date, at + 8);
  header.writeUInt32LE(entry.crc, at + 10);
  header.writeUInt32LE(entry.compressed.length, at + 14);
  header.writeUInt32LE(entry.size, at + 18);
  header.writeUInt16LE(entry.name.length, at + 22);
}

function localHeader(entry: Stored, stamp: { date: number; time: number }): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_HEADER, 0);
  writeSharedFields(header, 4, entry, stamp);
  // extra field length: 0
  return Buffer.concat([header, entry.name]);
}

function centralHeader(entry: Stored, stamp: { date: number; time: number }): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(CENTRAL_HEADER, 0);
  header.writeUInt16LE(MADE_BY_UNIX, 4);
  writeSharedFields(header, 6, entry, stamp);
  // extra field length, comment length, disk number, internal attributes: all 0
  header.writeUInt32LE(((REGULAR_FILE | entry.mode) << 16) >>> 0, 38);
  header.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([header, entry.name]);
}

function endRecord(count: number, directorySize: number, directoryOffset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(directorySize, 12);
  record.writeUInt32LE(directoryOffset, 16);
  return record;
}

export async function writeZip(output: string, inputs: readonly ZipInput[], modified: Date): Promise<void> {
  const stamp = dosDateTime(modified);
  const parts: Buffer[] = [];
  const stored: Stored[] = [];
  let offset = 0;
  for (const input of inputs) {
    const data = await readFile(input.path);
    const entry: Stored = { name: Buffer.from(input.name, 'utf8'), mode: input.mode, crc: crc32(data), size: data.length, compressed: deflateRawSync(data, { level: 9 }), offset };
    if (entry.size > MAX_32 || offset > MAX_32) throw new Error(`${input.name}: too large for a zip without zip64`);
    const header = localHeader(entry, stamp);
    parts.push(header, entry.compressed);
    offset += header.length + entry.compressed.length;
    stored.push(entry);
  }
  const directory = Buffer.concat(stored.map((entry) => centralHeader(entry, stamp)));
  await writeFile(output, Buffer.concat([...parts, directory, endRecord(stored.length, directory.length, offset)]));
}

/** The entries a zip's central directory lists. */
export async function listZip(path: string): Promise<ZipEntry[]> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    let end = -1;
    for (let at = tailLength - 22; at >= 0; at--) {
      if (tail.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
        end = at;
        break;
      }
    }
    if (end < 0) throw new Error(`${path}: not a zip (no end of central directory record)`);
    const count = tail.readUInt16LE(end + 10);
    const directory = Buffer.alloc(tail.readUInt32LE(end + 12));
    await file.read(directory, 0, directory.length, tail.readUInt32LE(end + 16));
    const entries: ZipEntry[] = [];
    let at = 0;
    for (let i = 0; i < count; i++) {
      if (directory.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`${path}: damaged central directory at entry ${i}`);
      const nameLength = directory.readUInt16LE(at + 28);
      const skip = nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
      entries.push({
        name: directory.toString('utf8', at + 46, at + 46 + nameLength),
        mode: (directory.readUInt32LE(at + 38) >>> 16) & 0o7777,
        size: directory.readUInt32LE(at + 24),
      });
      at += 46 + skip;
    }
    return entries;
  } finally {
    await file.close();
  }
}
