/**
 * The release zip writer against a real zip implementation (Info-ZIP's unzip, when installed): the archive tests
 * clean (CRCs, sizes), lists the names, Unix modes and time written, and extracts to the same bytes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listZip, writeZip } from '../../scripts/release/zip.js';
import { locateProgram } from '../cluster/host-tools.js';

const run = promisify(execFile);
const unzip = await locateProgram('unzip');

describe.skipIf(!unzip)(`zip archives${unzip ? '' : ' (skipped: unzip is not installed)'}`, () => {
  let dir: string;
  const executable = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300_000, 7), Buffer.from('not quite a program, but bytes of every kind: \u0000\u00ff')]);
  const license = Buffer.from('Apache License\n  Version 2.0, January 2004\n');
  const modified = new Date(Date.UTC(2026, 10, 21, 6, 18, 44));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubectl-etcd-zip-'));
    await writeFile(join(dir, 'program'), executable);
    await writeFile(join(dir, 'LICENSE'), license);
    await writeZip(join(dir, 'a.zip'), [
      { name: 'kubectl-etcd.exe', path: join(dir, 'program'), mode: 0o755 },
      { name: 'LICENSE', path: join(dir, 'LICENSE'), mode: 0o644 },
    ], modified);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('tests clean with unzip -t', async () => {
    const { stdout } = await run(unzip as string, ['-t', join(dir, 'a.zip')]);
    expect(stdout).toContain('No errors detected');
  });

  it('lists the names, Unix modes and the time (to the even second zip keeps) in zipinfo and in listZip', async () => {
    const { stdout } = await run(unzip as string, ['-Z', '-l', join(dir, 'a.zip')]);
    expect(stdout).toMatch(new RegExp(`-rwxr-xr-x .* unx +${executable.length} .* 26-Nov-21 06:18 kubectl-etcd\\.exe`));
    expect(stdout).toMatch(new RegExp(`-rw-r--r-- .* unx +${license.length} .* 26-Nov-21 06:18 LICENSE`));
    expect(await listZip(join(dir, 'a.zip'))).toEqual([
      { name: 'kubectl-etcd.exe', mode: 0o755, size: executable.length },
      { name: 'LICENSE', mode: 0o644, size: license.length },
    ]);
  });

  it('extracts to the same bytes', async () => {
    const out = join(dir, 'out');
    await run(unzip as string, ['-q', join(dir, 'a.zip'), '-d', out]);
    expect((await readFile(join(out, 'kubectl-etcd.exe'))).equals(executable)).toBe(true);
    expect((await readFile(join(out, 'LICENSE'))).equals(license)).toBe(true);
  });

  it('gives the same bytes for the same inputs', async () => {
    await writeZip(join(dir, 'b.zip'), [
      { name: 'kubectl-etcd.exe', path: join(dir, 'program'), mode: 0o755 },
      { name: 'LICENSE', path: join(dir, 'LICENSE'), mode: 0o644 },
    ], modified);
    expect((await readFile(join(dir, 'b.zip'))).equals(await readFile(join(dir, 'a.zip')))).toBe(true);
  });
});
