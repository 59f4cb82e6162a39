/** Digests of files read as streams (release binaries are too large to hold twice in memory). */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

export async function fileDigest(path: string, algorithm: 'sha256' | 'sha512'): Promise<Buffer> {
  const hash = createHash(algorithm);
  await pipeline(createReadStream(path), hash);
  return hash.digest();
}

/** Lowercase hex sha256, as krew manifests and sha256sum give it. */
export async function sha256File(path: string): Promise<string> {
  return (await fileDigest(path, 'sha256')).toString('hex');
}

/** npm's integrity string for a tarball. */
export async function sha512Integrity(path: string): Promise<string> {
  return `sha512-${(await fileDigest(path, 'sha512')).toString('base64')}`;
}
