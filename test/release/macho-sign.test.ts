/**
 * The ad-hoc signer against the real macOS Node binaries of the release (cached in release/cache by
 * `npm run release`) and against single executables built from them as the release builds them. Each result is
 * read back here with a parser of its own (not the signer's): load commands, where the signature sits, every page
 * hash recomputed, and, for Node's own binary, the page hashes compared with those Apple's codesign wrote for it.
 * llvm-objdump, when present, has to accept the signed files too. (No codesign-compatible verifier, ldid or
 * rcodesign, is packaged for this Debian.)
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExecutable, buildReleaseCli } from '../../scripts/release/build-release.js';
import type { LaunchableCli } from '../../scripts/release/bundle.js';
import { adHocSign } from '../../scripts/release/macho-sign.js';
import { buildSea } from '../../scripts/release/sea.js';
import { readPackageFacts, targetById, type ReleaseTarget } from '../../scripts/release/targets.js';
import { repoRoot } from '../cli/cli-runner.js';

const run = promisify(execFile);
const { nodeVersion } = readPackageFacts(join(repoRoot, 'package.json'));
const runsPinnedNode = process.version === `v${nodeVersion}`;
const hasLlvmObjdump = ((): boolean => {
  try {
    execFileSync('llvm-objdump', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const sha256 = (data: Buffer): Buffer => createHash('sha256').update(data).digest();

interface LoadCommand {
  readonly cmd: number;
  readonly bytes: Buffer;
}

interface SegmentView {
  readonly fileoff: number;
  readonly filesize: number;
  readonly vmsize: number;
}

/** The Mach-O 64 header and load commands, read on their own terms (little-endian). */
function readLoadCommands(file: Buffer): { commands: LoadCommand[]; segments: Map<string, SegmentView>; sizeofcmds: number; lowestSection: number } {
  expect(file.readUInt32LE(0)).toBe(0xfeedfacf);
  const ncmds = file.readUInt32LE(16);
  const sizeofcmds = file.readUInt32LE(20);
  const commands: LoadCommand[] = [];
  const segments = new Map<string, SegmentView>();
  let lowestSection = file.length;
  let at = 32;
  for (let i = 0; i < ncmds; i++) {
    const cmd = file.readUInt32LE(at);
    const bytes = file.subarray(at, at + file.readUInt32LE(at + 4));
    commands.push({ cmd, bytes });
    if (cmd === 0x19) {
      const name = bytes.subarray(8, 24).toString('latin1').replace(/\0+$/, '');
      segments.set(name, { vmsize: Number(bytes.readBigUInt64LE(32)), fileoff: Number(bytes.readBigUInt64LE(40)), filesize: Number(bytes.readBigUInt64LE(48)) });
      for (let s = 0; s < bytes.readUInt32LE(64); s++) {
        const offset = bytes.readUInt32LE(72 + s * 80 + 48);
        if (offset > 0) lowestSection = Math.min(lowestSection, offset);
      }
    }
    at += bytes.length;
  }
  expect(at - 32).toBe(sizeofcmds);
  return { commands, segments, sizeofcmds, lowestSection };
}

interface CodeDirectoryView {
  readonly version: number;
  readonly flags: number;
  readonly identifier: string;
  readonly codeLimit: number;
  readonly pageHashes: string[];
  /** Special slots by number (1 = Info.plist, 2 = requirements). */
  readonly specialHashes: Map<number, string>;
  readonly execSeg: { base: number; limit: number; flags: number };
}

/** The embedded signature (big-endian throughout): its blobs by slot, and the CodeDirectory in slot 0. */
function readSignature(file: Buffer, dataoff: number, datasize: number): { blobs: Map<number, Buffer>; codeDirectory: CodeDirectoryView } {
  const superBlob = file.subarray(dataoff, dataoff + datasize);
  expect(superBlob.readUInt32BE(0)).toBe(0xfade0cc0);
  expect(superBlob.readUInt32BE(4)).toBeLessThanOrEqual(datasize);
  const blobs = new Map<number, Buffer>();
  for (let i = 0; i < superBlob.readUInt32BE(8); i++) {
    const offset = superBlob.readUInt32BE(16 + i * 8);
    blobs.set(superBlob.readUInt32BE(12 + i * 8), superBlob.subarray(offset, offset + superBlob.readUInt32BE(offset + 4)));
  }
  const cd = blobs.get(0) as Buffer;
  expect(cd.readUInt32BE(0)).toBe(0xfade0c02);
  const hashOffset = cd.readUInt32BE(16);
  const identOffset = cd.readUInt32BE(20);
  expect([cd[36], cd[37], cd[39]]).toEqual([32, 2, 12]); // SHA-256, 32-byte hashes, 4 KiB pages
  const hashAt = (slot: number) => cd.subarray(hashOffset + slot * 32, hashOffset + (slot + 1) * 32).toString('hex');
  return {
    blobs,
    codeDirectory: {
      version: cd.readUInt32BE(8),
      flags: cd.readUInt32BE(12),
      identifier: cd.subarray(identOffset, cd.indexOf(0, identOffset)).toString('utf8'),
      codeLimit: cd.readUInt32BE(32),
      pageHashes: Array.from({ length: cd.readUInt32BE(28) }, (_, page) => hashAt(page)),
      specialHashes: new Map(Array.from({ length: cd.readUInt32BE(24) }, (_, i) => [i + 1, hashAt(-(i + 1))])),
      execSeg: { base: Number(cd.readBigUInt64BE(64)), limit: Number(cd.readBigUInt64BE(72)), flags: Number(cd.readBigUInt64BE(80)) },
    },
  };
}

/** Checks everything macOS checks of an ad-hoc signed main executable, and returns its CodeDirectory. */
function expectAdHocSigned(file: Buffer, identifier: string): CodeDirectoryView {
  const { commands, segments, sizeofcmds, lowestSection } = readLoadCommands(file);
  expect(32 + sizeofcmds).toBeLessThanOrEqual(lowestSection);
  const signatures = commands.filter((c) => c.cmd === 0x1d);
  expect(signatures).toHaveLength(1);
  const dataoff = signatures[0]?.bytes.readUInt32LE(8) as number;
  const datasize = signatures[0]?.bytes.readUInt32LE(12) as number;

  const linkedit = segments.get('__LINKEDIT') as SegmentView;
  const text = segments.get('__TEXT') as SegmentView;
  expect(Math.max(...[...segments.values()].map((s) => s.fileoff))).toBe(linkedit.fileoff);
  expect(linkedit.fileoff + linkedit.filesize).toBe(file.length);
  expect(linkedit.vmsize).toBeGreaterThanOrEqual(linkedit.filesize);
  expect(linkedit.vmsize % 0x1000).toBe(0);
  expect(dataoff).toBeGreaterThanOrEqual(linkedit.fileoff);
  expect(dataoff % 16).toBe(0);
  expect(dataoff + datasize).toBe(file.length);

  const { blobs, codeDirectory } = readSignature(file, dataoff, datasize);
  expect([...blobs.keys()]).toEqual([0, 2, 0x10000]);
  const requirements = blobs.get(2) as Buffer;
  expect(requirements.toString('hex')).toBe('fade0c010000000c00000000'); // an empty requirement set
  expect(codeDirectory.version).toBe(0x20400);
  expect(codeDirectory.flags & 0x2).toBe(0x2);
  expect(codeDirectory.identifier).toBe(identifier);
  expect(codeDirectory.codeLimit).toBe(dataoff);
  expect(codeDirectory.specialHashes).toEqual(new Map([[1, '0'.repeat(64)], [2, sha256(requirements).toString('hex')]]));
  expect(codeDirectory.execSeg).toEqual({ base: text.fileoff, limit: text.filesize, flags: 1 });
  expect(codeDirectory.pageHashes).toHaveLength(Math.ceil(dataoff / 4096));
  const wrong = codeDirectory.pageHashes.findIndex((hash, page) => hash !== sha256(file.subarray(page * 4096, Math.min((page + 1) * 4096, dataoff))).toString('hex'));
  expect(wrong, `page ${wrong} hash`).toBe(-1);
  return codeDirectory;
}

/** The load commands other than LC_CODE_SIGNATURE and __LINKEDIT (which signing changes), as bytes. */
function untouchedCommands(file: Buffer): string[] {
  return readLoadCommands(file).commands
    .filter((c) => c.cmd !== 0x1d && !c.bytes.subarray(8, 24).toString('latin1').startsWith('__LINKEDIT\0'))
    .map((c) => c.bytes.toString('hex'));
}

let work: string;
/** The launchable CLI, built on first use (only the suites that make executables need it). */
let cli: Promise<LaunchableCli> | undefined;
const launchableCli = (): Promise<LaunchableCli> => (cli ??= buildReleaseCli(repoRoot, work, nodeVersion));
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'kubectl-etcd-macho-'));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('refuses what it cannot sign, saying why', () => {
  const header = (magic: number, bigEndian = false): Buffer => {
    const bytes = Buffer.alloc(64);
    if (bigEndian) bytes.writeUInt32BE(magic, 0);
    else bytes.writeUInt32LE(magic, 0);
    return bytes;
  };

  it('a file that is no Mach-O, a 32-bit one, a universal one, a big-endian one', () => {
    expect(() => adHocSign(Buffer.from('#!/bin/sh\necho hello\n'), 'x')).toThrow(/^not a Mach-O file/);
    expect(() => adHocSign(Buffer.from([0x7f, 0x45, 0x4c, 0x46]), 'x')).toThrow(/^not a Mach-O file/);
    expect(() => adHocSign(header(0xfeedface), 'x')).toThrow(/^a 32-bit Mach-O/);
    expect(() => adHocSign(header(0xcafebabe, true), 'x')).toThrow(/^a universal \(fat\) Mach-O: sign each architecture/);
    expect(() => adHocSign(header(0xfeedfacf, true), 'x')).toThrow(/^a big-endian 64-bit Mach-O/);
  });
});

/** Where `npm run release` keeps the target's Node binary, and why a suite that needs it (and --build-sea) skips. */
function cachedNodeBinary(target: ReleaseTarget, needsBuildSea: boolean): { path: string; skipReason: string | undefined } {
  const path = join(repoRoot, 'release', 'cache', `node-v${nodeVersion}`, target.id, 'node');
  if (!existsSync(path)) return { path, skipReason: `skipped: no ${path}; \`npm run release -- --platforms ${target.id}\` fetches it from the npm registry` };
  if (needsBuildSea && !runsPinnedNode) return { path, skipReason: `skipped: --build-sea needs the pinned Node ${nodeVersion}, this is ${process.version}; run through npx` };
  return { path, skipReason: undefined };
}

const titled = (title: string, skipReason: string | undefined): string => (skipReason ? `${title} (${skipReason})` : title);

for (const target of [targetById('darwin-arm64'), targetById('darwin-x64')]) {
  const { path: nodeBinary, skipReason } = cachedNodeBinary(target, false);

  describe.skipIf(skipReason !== undefined)(titled(`the ${target.id} Node binary, Developer ID signed`, skipReason), () => {
    let original: Buffer;
    let signed: Buffer;
    beforeAll(async () => {
      original = await readFile(nodeBinary);
      signed = adHocSign(original, 'kubectl-etcd');
    });

    it('is re-signed ad hoc in place of its own signature, with the page hashes Apple codesign gave every page it did not change', () => {
      const before = readLoadCommands(original).commands.find((c) => c.cmd === 0x1d)?.bytes as Buffer;
      const apple = readSignature(original, before.readUInt32LE(8), before.readUInt32LE(12)).codeDirectory;
      const ours = expectAdHocSigned(signed, 'kubectl-etcd');
      expect(ours.codeLimit).toBe(apple.codeLimit);
      expect(signed.length).toBeLessThan(original.length); // Apple's signature held certificates and entitlements
      // Page 0 holds the load commands, which now describe the new signature; no other byte before it moved.
      expect(ours.pageHashes.slice(1)).toEqual(apple.pageHashes.slice(1));
      expect(ours.pageHashes[0]).not.toBe(apple.pageHashes[0]);
      expect(untouchedCommands(signed)).toEqual(untouchedCommands(original));
    });

    it('signs its own output again to the same bytes, and grows __LINKEDIT when a longer identifier needs more room', () => {
      expect(adHocSign(signed, 'kubectl-etcd').equals(signed)).toBe(true);
      const identifier = `kubectl-etcd.${'x'.repeat(200)}`;
      const resigned = adHocSign(signed, identifier);
      expect(resigned.length).toBeGreaterThan(signed.length);
      expectAdHocSigned(resigned, identifier);
    });

    it('refuses a binary with bytes after __LINKEDIT, where the signature has to go', () => {
      expect(() => adHocSign(Buffer.concat([signed, Buffer.from('trailer')]), 'kubectl-etcd')).toThrow(/__LINKEDIT ends at \d+, not at the end of the file/);
    });
  });

  const buildSkipReason = cachedNodeBinary(target, true).skipReason;
  describe.skipIf(buildSkipReason !== undefined)(titled(`the ${target.id} single executable as --build-sea writes it`, buildSkipReason), () => {
    let unsigned: Buffer;
    let signed: Buffer;
    const signedPath = (): string => join(work, `${target.id}-signed`);
    beforeAll(async () => {
      const output = join(work, `${target.id}-unsigned`);
      await buildSea({ cli: await launchableCli(), withCodeCache: false, executable: nodeBinary, output, configPath: `${output}.json` });
      unsigned = await readFile(output);
      signed = adHocSign(unsigned, target.executable);
      await writeFile(signedPath(), signed);
    });

    it('has no signature left from the Node binary, and gains one after its load commands and at the end of __LINKEDIT', () => {
      expect(readLoadCommands(unsigned).commands.map((c) => c.cmd)).not.toContain(0x1d);
      const codeDirectory = expectAdHocSigned(signed, target.executable);
      const { commands, sizeofcmds } = readLoadCommands(signed);
      expect(commands.at(-1)?.cmd).toBe(0x1d);
      expect(sizeofcmds).toBe(readLoadCommands(unsigned).sizeofcmds + 16);
      expect(codeDirectory.codeLimit).toBe(Math.ceil(unsigned.length / 16) * 16);
      // Past the load commands, every byte --build-sea wrote is kept as it was.
      expect(signed.subarray(32 + sizeofcmds, unsigned.length).equals(unsigned.subarray(32 + sizeofcmds))).toBe(true);
      expect(untouchedCommands(signed)).toEqual(untouchedCommands(unsigned));
    });

    it('is signed to the same bytes when signed again', () => {
      expect(adHocSign(signed, target.executable).equals(signed)).toBe(true);
    });

    it('refuses when the header has no free room for LC_CODE_SIGNATURE', () => {
      const crowded = Buffer.from(unsigned);
      crowded.writeUInt8(1, 32 + readLoadCommands(unsigned).sizeofcmds + 15);
      expect(() => adHocSign(crowded, target.executable)).toThrow(/no room after the load commands for LC_CODE_SIGNATURE/);
    });

    it.skipIf(!hasLlvmObjdump)(`is read by llvm-objdump, which finds the signature and __LINKEDIT where our reading does${hasLlvmObjdump ? '' : ' (skipped: no llvm-objdump)'}`, async () => {
      const text = (await run('llvm-objdump', ['--macho', '--private-headers', signedPath()], { maxBuffer: 64 * 1024 * 1024 })).stdout;
      const { commands, segments } = readLoadCommands(signed);
      const signature = commands.find((c) => c.cmd === 0x1d)?.bytes as Buffer;
      expect(text).toMatch(new RegExp(`cmd LC_CODE_SIGNATURE\\n\\s+cmdsize 16\\n\\s+dataoff ${signature.readUInt32LE(8)}\\n\\s+datasize ${signature.readUInt32LE(12)}\\n`));
      expect(text).toMatch(new RegExp(`segname __LINKEDIT\\n(.*\\n){3}\\s+filesize ${segments.get('__LINKEDIT')?.filesize}\\n`));
    });
  });
}

// One platform is enough to see the release build sign what it makes; arm64 is the one that runs nothing unsigned.
const arm64 = targetById('darwin-arm64');
const releaseSkipReason = cachedNodeBinary(arm64, true).skipReason;
describe.skipIf(releaseSkipReason !== undefined)(titled('the release build (buildExecutable) for darwin-arm64', releaseSkipReason), () => {
  it('signs the executable it makes', async () => {
    const executable = await buildExecutable(arm64, { nodeVersion, cacheDir: join(repoRoot, 'release', 'cache'), workDir: work, cli: await launchableCli() });
    expectAdHocSigned(await readFile(executable.path), arm64.executable);
  });
});
