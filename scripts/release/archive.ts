/**
 * Release archives: .tar.gz (Linux, macOS) and .zip (Windows), each holding the executable and LICENSE at the top,
 * with fixed owners and times so the same inputs give the same bytes; and their listing, to check an archive
 * against the krew manifest.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { listZip, writeZip, type ZipEntry, type ZipInput } from './zip.js';

export type ArchiveInput = ZipInput;
export type ArchiveEntry = ZipEntry;

async function addTarEntry(pack: tar.Pack, input: ArchiveInput, modified: Date): Promise<void> {
  const { size } = await stat(input.path);
  await new Promise<void>((resolve, reject) => {
    const sink = pack.entry({ name: input.name, size, mode: input.mode, mtime: modified, uid: 0, gid: 0, uname: 'root', gname: 'root', type: 'file' }, (error) => (error ? reject(error) : resolve()));
    createReadStream(input.path).on('error', reject).pipe(sink);
  });
}

async function writeTarGz(output: string, inputs: readonly ArchiveInput[], modified: Date): Promise<void> {
  const pack = tar.pack();
  const written = pipeline(pack, createGzip({ level: 9 }), createWriteStream(output));
  for (const input of inputs) await addTarEntry(pack, input, modified);
  pack.finalize();
  await written;
}

async function listTarGz(path: string): Promise<ArchiveEntry[]> {
  const extract = tar.extract();
  const read = pipeline(createReadStream(path), createGunzip(), extract);
  const entries: ArchiveEntry[] = [];
  for await (const entry of extract) {
    entries.push({ name: entry.header.name, mode: entry.header.mode ?? 0, size: entry.header.size ?? 0 });
    entry.resume();
  }
  await read;
  return entries;
}

export async function writeArchive(output: string, inputs: readonly ArchiveInput[], modified: Date): Promise<void> {
  if (output.endsWith('.zip')) await writeZip(output, inputs, modified);
  else if (output.endsWith('.tar.gz')) await writeTarGz(output, inputs, modified);
  else throw new Error(`${output}: a release archive is .tar.gz or .zip`);
}

export function listArchive(path: string): Promise<ArchiveEntry[]> {
  if (path.endsWith('.zip')) return listZip(path);
  if (path.endsWith('.tar.gz')) return listTarGz(path);
  throw new Error(`${path}: a release archive is .tar.gz or .zip`);
}
