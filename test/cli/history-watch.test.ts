/**
 * watch, history, diff and compaction through the built kubectl-etcd against the stand-in cluster (kubeadm, one
 * real etcd member, demo seed). Objects are written with the project's encoder and the real etcdctl, as
 * kube-apiserver would store them; revisions come from etcdctl's own answers. The exec stream is cut mid-watch
 * by the stand-in API server; etcd is compacted by the real etcdctl, as kube-apiserver does it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeObject } from '../../src/codec/encode.js';
import type { JsonObject } from '../../src/codec/value.js';
import { parseJsonExact } from '../../src/render/json-parse.js';
import { textWidth } from '../../src/render/text-width.js';
import type { Cluster } from '../cluster/cluster.js';
import { useCluster } from '../cluster/harness.js';
import { clusterUnavailable, eventually } from '../kube/helpers.js';
import { cliFor, launcher, scratchDir, type CliRun, type RunOptions } from './cli-runner.js';

const unavailable = clusterUnavailable();

function configMap(namespace: string, name: string, data: Record<string, string>): JsonObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, uid: `uid-${namespace}-${name}`, creationTimestamp: '2026-01-02T03:04:05Z' }, data };
}

const keyOf = (namespace: string, name: string) => `/registry/configmaps/${namespace}/${name}`;

/** The revision etcd answered a write with. */
function revisionOf(stdout: Buffer): number {
  const header = (parseJsonExact(stdout.toString('utf8')) as { header: { revision: number } }).header;
  return Number(header.revision);
}

async function put(cluster: Cluster, object: JsonObject): Promise<number> {
  const { namespace, name } = object['metadata'] as { namespace: string; name: string };
  return revisionOf((await cluster.etcd.etcdctl(['put', '-w', 'json', keyOf(namespace, name)], encodeObject(object))).stdout);
}

async function del(cluster: Cluster, key: string): Promise<number> {
  return revisionOf((await cluster.etcd.etcdctl(['del', '-w', 'json', key])).stdout);
}

/** Compacts as kube-apiserver does: records the revision in compact_rev_key, then compacts at it. */
async function compactLikeApiserver(cluster: Cluster, revision: number): Promise<void> {
  await cluster.etcd.etcdctl(['put', 'compact_rev_key', String(revision)]);
  await cluster.etcd.etcdctl(['compact', String(revision)]);
}

/** A running kubectl-etcd whose output is read as it comes. */
interface Running {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly exit: Promise<number | null>;
}

/** JSON documents printed one after another (each ends with a `}` alone on its line). */
function jsonDocuments(text: string): JsonObject[] {
  return text.split(/(?<=^\}\n)/m).filter((t) => t.trim() !== '').map((t) => parseJsonExact(t) as JsonObject);
}

interface WatchDoc {
  type: string;
  key: string;
  revision: number;
  object?: { data?: Record<string, string> };
  received: string;
}

describe.skipIf(unavailable)(`watch, history, diff, compaction (kubeadm, demo seed)${unavailable ? ` (${unavailable})` : ''}`, () => {
  const cluster = useCluster({ profile: 'kubeadm', seed: 'demo' });
  let scratch: { dir: string; remove: () => Promise<void> };
  let cli: (args: readonly string[], options?: RunOptions) => Promise<CliRun>;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    scratch = await scratchDir();
    cli = cliFor(cluster().kubeconfigPath, scratch.dir);
    env = { PATH: process.env['PATH'], HOME: scratch.dir, KUBECONFIG: cluster().kubeconfigPath };
  });
  afterAll(async () => {
    await scratch?.remove();
  });

  function start(args: readonly string[]): Running {
    const child = spawn(launcher, [...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const running: Running = {
      child,
      stdout: '',
      stderr: '',
      exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    };
    child.stdout?.on('data', (chunk: Buffer) => (running.stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (running.stderr += chunk.toString('utf8')));
    return running;
  }

  async function startWatch(args: readonly string[]): Promise<Running> {
    const running = start(['watch', ...args]);
    await eventually(async () => /watching .* from revision \d+/.test(running.stderr) || running.child.exitCode !== null, 'the watch to start');
    expect(running.child.exitCode, running.stderr).toBe(null);
    return running;
  }

  async function stop(running: Running): Promise<number | null> {
    running.child.kill('SIGINT');
    return running.exit;
  }

  describe('watch', () => {
    it('prints exactly the changes made during the watch, in order, one JSON document each; Ctrl-C ends it with 130', async () => {
      const watch = await startWatch(['configmaps', '-n', 'watched', '-o', 'json']);
      const writes: [string, string, number][] = [];
      writes.push(['ADDED', keyOf('watched', 'a'), await put(cluster(), configMap('watched', 'a', { step: '1' }))]);
      writes.push(['MODIFIED', keyOf('watched', 'a'), await put(cluster(), configMap('watched', 'a', { step: '2' }))]);
      writes.push(['ADDED', keyOf('watched', 'b'), await put(cluster(), configMap('watched', 'b', { other: 'x' }))]);
      // Outside the watched namespace: not printed.
      await put(cluster(), configMap('elsewhere', 'a', { step: '1' }));
      writes.push(['DELETED', keyOf('watched', 'a'), await del(cluster(), keyOf('watched', 'a'))]);
      writes.push(['ADDED', keyOf('watched', 'a'), await put(cluster(), configMap('watched', 'a', { step: '3' }))]);
      await eventually(async () => jsonDocuments(watch.stdout).length >= writes.length, 'every change to be printed');
      expect(await stop(watch)).toBe(130);
      const docs = jsonDocuments(watch.stdout) as unknown as WatchDoc[];
      expect(docs.map((d) => [d.type, d.key, d.revision])).toEqual(writes);
      expect(docs.map((d) => d.object?.data)).toEqual([{ step: '1' }, { step: '2' }, { other: 'x' }, { step: '2' }, { step: '3' }]);
      expect(docs.every((d) => !Number.isNaN(Date.parse(d.received)))).toBe(true);
      expect(watch.stderr).not.toMatch(/error/);
    });

    it('prints one YAML document per change, with the diff of a modification', async () => {
      const watch = await startWatch(['configmap/doc', '-n', 'yamled', '-o', 'yaml', '--diff']);
      const created = await put(cluster(), configMap('yamled', 'doc', { a: '1' }));
      const changed = await put(cluster(), configMap('yamled', 'doc', { a: '2' }));
      await eventually(async () => watch.stdout.includes(`revision: ${changed}`), 'both changes');
      expect(await stop(watch)).toBe(130);
      const { parseAllDocuments } = await import('yaml');
      const docs = parseAllDocuments(watch.stdout).map((d) => d.toJS() as WatchDoc & { diff?: string });
      expect(docs.map((d) => [d.type, d.revision, d.object?.data])).toEqual([['ADDED', created, { a: '1' }], ['MODIFIED', changed, { a: '2' }]]);
      expect(docs[0]?.diff).toBeUndefined();
      expect(docs[1]?.diff?.split('\n').filter((l) => /^[-+] /.test(l))).toEqual(['-  a: "1"', '+  a: "2"']);
    });

    it('prints a table row per change, and with --diff what each modification changed', async () => {
      const watch = await startWatch(['configmap', '-n', 'tabled', '--diff', '--color', 'never']);
      const created = await put(cluster(), configMap('tabled', 'web', { replicas: '1', image: 'nginx' }));
      const changed = await put(cluster(), configMap('tabled', 'web', { replicas: '2', image: 'nginx' }));
      await eventually(async () => watch.stdout.includes('+  replicas: "2"'), 'the modification and its diff');
      expect(await stop(watch)).toBe(130);
      const lines = watch.stdout.split('\n');
      expect(lines[0]).toMatch(/^RECEIVED {3,}EVENT {3,}REVISION {3,}SIZE {3,}KEY$/);
      expect(lines[1]).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} {3,}ADDED {3,}${created} {3,}\\d+ {3,}/registry/configmaps/tabled/web$`));
      expect(lines[2]).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} {3,}MODIFIED {3,}${changed} {3,}\\d+ {3,}/registry/configmaps/tabled/web$`));
      // Rows printed one at a time still line up.
      expect(lines[1]?.indexOf('/registry')).toBe(lines[2]?.indexOf('/registry'));
      expect(lines.slice(3).filter((l) => /^[-+@]/.test(l))).toEqual([
        `--- /registry/configmaps/tabled/web@${created}`,
        `+++ /registry/configmaps/tabled/web@${changed}`,
        '@@ -1,7 +1,7 @@',
        '-  replicas: "1"',
        '+  replicas: "2"',
      ]);
    });

    it('resumes after the exec stream is cut mid-line, printing every change once: before, during and after the outage', async () => {
      const watch = await startWatch(['/registry/configmaps/resumed/', '--prefix', '-o', 'json']);
      const writes: [string, number][] = [];
      let step = 0;
      const write = async (name: string, remove = false) => {
        const key = keyOf('resumed', name);
        writes.push([key, remove ? await del(cluster(), key) : await put(cluster(), configMap('resumed', name, { step: String(step++) }))]);
      };
      // The watch's stream is up once it has printed a change.
      await write('zero');
      await eventually(async () => jsonDocuments(watch.stdout).length === 1, 'the first change');
      const { faults } = cluster();
      // A change prints as a line of 400 to 700 bytes: the stream is cut inside the second or third one. Starting
      // again fails (500) until the faults are lifted, so changes made meanwhile come only from etcd's history.
      faults.cutStreamAfterBytes = 1000;
      faults.serverError = true;
      try {
        for (const name of ['one', 'two', 'one', 'three', 'two']) {
          if (watch.stderr.includes('resuming at revision')) break;
          const printed = jsonDocuments(watch.stdout).length;
          await write(name);
          await eventually(async () => jsonDocuments(watch.stdout).length > printed || watch.stderr.includes('resuming at revision'), 'the change or the cut');
        }
        expect(watch.stderr).toContain('(1000 bytes received, no exit status)');
        await write('one', true);
        await write('four');
        await eventually(async () => (watch.stderr.match(/resuming at revision/g) ?? []).length >= 2, 'a failed attempt to start again');
      } finally {
        delete faults.cutStreamAfterBytes;
        faults.serverError = false;
      }
      await write('two', true);
      await write('one');
      await eventually(async () => jsonDocuments(watch.stdout).length >= writes.length, 'every change to be printed');
      expect(await stop(watch)).toBe(130);
      const docs = jsonDocuments(watch.stdout) as unknown as WatchDoc[];
      expect(docs.map((d) => [d.key, d.revision])).toEqual(writes);
      // Every attempt starts at the revision after the last change printed.
      const resumedAt = new Set((watch.stderr.match(/resuming at revision \d+/g) ?? []).map((m) => Number(m.split(' ').pop())));
      expect(resumedAt.size).toBe(1);
      expect(writes.map(([, revision]) => revision)).toContain([...resumedAt][0]);
    });
  });

  describe('history and diff', () => {
    const key = keyOf('history', 'app');
    const revisions: number[] = [];

    beforeAll(async () => {
      for (let step = 0; step <= 5; step++) revisions.push(await put(cluster(), configMap('history', 'app', { step: String(step), keep: 'same' })));
      revisions.push(await del(cluster(), key));
      revisions.push(await put(cluster(), configMap('history', 'app', { step: 'again', added: 'new' })));
    });

    it('lists the 7 stored versions and the deletion between, with the right revisions and values', async () => {
      const run = await cli(['history', 'configmap/app', '-n', 'history', '-o', 'json']);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      const doc = parseJsonExact(run.out) as { key: string; compactedRevision: number; versions: { revision: number; type: string; version?: number; createRevision?: number; object?: { data: unknown } }[] };
      expect(doc.key).toBe(key);
      expect(doc.compactedRevision).toBe(0);
      expect(doc.versions.map((v) => [v.revision, v.type, v.version, v.createRevision])).toEqual([
        ...revisions.slice(0, 6).map((r, i) => [r, i === 0 ? 'ADDED' : 'MODIFIED', i + 1, revisions[0]]),
        [revisions[6], 'DELETED', undefined, undefined],
        [revisions[7], 'ADDED', 1, revisions[7]],
      ]);
      expect(doc.versions.map((v) => v.object?.data)).toEqual([
        ...[0, 1, 2, 3, 4, 5].map((step) => ({ step: String(step), keep: 'same' })),
        undefined,
        { step: 'again', added: 'new' },
      ]);
    });

    it('shows with --diff what changed from each version to the next, the re-creation against the value before the deletion', async () => {
      const run = await cli(['history', key, '--diff', '-o', 'yaml']);
      expect(run.code).toBe(0);
      const { parse } = await import('yaml');
      const doc = parse(run.out) as { versions: { diff?: string }[] };
      const changed = (diff: string | undefined) => (diff ?? '').split('\n').filter((l) => /^[-+]/.test(l));
      expect(changed(doc.versions[0]?.diff)).toEqual([]);
      for (let step = 1; step <= 5; step++) {
        expect(changed(doc.versions[step]?.diff)).toEqual([`--- ${key}@${revisions[step - 1]}`, `+++ ${key}@${revisions[step]}`, `-  step: "${step - 1}"`, `+  step: "${step}"`]);
      }
      expect(doc.versions[6]?.diff).toBeUndefined();
      expect(changed(doc.versions[7]?.diff)).toEqual([
        `--- ${key}@${revisions[5]} (deleted at ${revisions[6]})`,
        `+++ ${key}@${revisions[7]}`,
        '-  keep: same',
        '-  step: "5"',
        '+  added: new',
        '+  step: again',
      ]);
    });

    it('prints a table of versions, rows aligned, and says the history is whole when etcd never compacted', async () => {
      const run = await cli(['history', 'configmaps', 'app', '-n', 'history']);
      expect(run.code).toBe(0);
      const lines = run.out.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^REVISION {3,}EVENT {3,}CREATE REVISION {3,}VERSION {3,}SIZE {3,}LEASE$/);
      expect(lines.slice(1, 9).map((l) => l.split(/ {3,}/).slice(0, 2))).toEqual(revisions.map((r, i) => [String(r), i === 0 || i === 7 ? 'ADDED' : i === 6 ? 'DELETED' : 'MODIFIED']));
      const createColumn = (line: string) => {
        const cells = line.split(/ {3,}/);
        return line.indexOf(cells[2] as string, line.indexOf(cells[1] as string) + (cells[1] as string).length);
      };
      expect(new Set(lines.slice(0, 9).map(createColumn))).toEqual(new Set([lines[0]?.indexOf('CREATE REVISION')]));
      const current = revisionOf((await cluster().etcd.etcdctl(['get', '-w', 'json', 'compact_rev_key'])).stdout);
      expect(lines[9]).toBe(`etcd has never compacted its history: these are all the versions of ${key} up to revision ${current}`);
    });

    it('finds the versions of a key deleted since, and says when a key has none', async () => {
      const deletedAt = await del(cluster(), key);
      const run = await cli(['history', key, '-o', 'json']);
      expect(run.code).toBe(0);
      const doc = parseJsonExact(run.out) as { versions: { revision: number; type: string }[] };
      expect(doc.versions.map((v) => v.revision)).toEqual([...revisions, deletedAt]);
      expect(doc.versions.at(-1)?.type).toBe('DELETED');
      revisions.push(deletedAt);
      const none = await cli(['history', keyOf('history', 'never')]);
      expect(none).toMatchObject({ code: 1, out: '' });
      expect(none.stderr).toMatch(/^error: key \/registry\/configmaps\/history\/never has no version in etcd's history \(revisions 1 to \d+\)\n$/);
    });

    it('finds a deletion more than one transaction of reads back, for a key no shell or etcdctl quoting could pass', async () => {
      const odd = '/registry/configmaps/odd/it\'s "quoted" \\ $(back) ;ünï 名';
      const created = revisionOf((await cluster().etcd.etcdctl(['put', '-w', 'json', odd], encodeObject(configMap('odd', 'x', { a: '1' })))).stdout);
      const deleted = await del(cluster(), odd);
      // More revisions since the deletion than one transaction reads (128).
      for (let i = 0; i < 140; i++) await cluster().etcd.etcdctl(['put', '/registry/configmaps/odd/filler', String(i)]);
      const run = await cli(['history', odd, '-o', 'json']);
      expect(run.code, run.stderr).toBe(0);
      const doc = parseJsonExact(run.out) as { key: string; versions: { revision: number; type: string }[] };
      expect(doc.key).toBe(odd);
      expect(doc.versions.map((v) => [v.revision, v.type])).toEqual([[created, 'ADDED'], [deleted, 'DELETED']]);
    });

    it('diffs the object at two revisions, and at one revision against now; colour only on a terminal', async () => {
      const run = await cli(['diff', key, '--rev', String(revisions[1]), '--rev', String(revisions[4])]);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.out).toBe([
        `--- ${key}@${revisions[1]}`, `+++ ${key}@${revisions[4]}`, '@@ -1,7 +1,7 @@', ' apiVersion: v1', ' data:', '   keep: same',
        '-  step: "1"', '+  step: "4"', ' kind: ConfigMap', ' metadata:', '   creationTimestamp: "2026-01-02T03:04:05Z"', '',
      ].join('\n'));
      const toNow = await cli(['diff', key, '--rev', String(revisions[5])]);
      const current = revisionOf((await cluster().etcd.etcdctl(['get', '-w', 'json', 'compact_rev_key'])).stdout);
      expect(toNow.out.split('\n').slice(0, 2)).toEqual([`--- ${key}@${revisions[5]}`, `+++ ${key}@${current} (absent)`]);
      expect(toNow.out.split('\n').filter((l) => l.startsWith('+ '))).toEqual([]);
      const same = await cli(['diff', 'configmap/app', '-n', 'history', '--rev', String(revisions[0]), '--rev', String(revisions[0])]);
      expect(same).toMatchObject({ code: 0, out: '', stderr: `configmaps "app" in namespace history is the same at revisions ${revisions[0]} and ${revisions[0]}\n` });
      // A terminal, as `script` gives one: coloured; NO_COLOR turns it off.
      const onTerminal = (extra: NodeJS.ProcessEnv) => new Promise<string>((resolve) => {
        const child = spawn('script', ['-qec', `${launcher} diff ${key} --rev ${revisions[1]} --rev ${revisions[2]}`, '/dev/null'], { env: { ...env, ...extra } });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
        child.on('exit', () => resolve(out));
      });
      expect(await onTerminal({})).toContain('\x1b[31m-  step: "1"\x1b[0m');
      expect(await onTerminal({ NO_COLOR: '1' })).not.toContain('\x1b[');
    });
  });

  describe('after a compaction', () => {
    const key = keyOf('compacted', 'app');
    const revisions: number[] = [];

    beforeAll(async () => {
      for (let step = 0; step < 5; step++) revisions.push(await put(cluster(), configMap('compacted', 'app', { step: String(step) })));
      await compactLikeApiserver(cluster(), revisions[2] as number);
    });

    it('history starts at the version held at the boundary, and names the boundary', async () => {
      const run = await cli(['history', key, '-o', 'json']);
      expect(run.code).toBe(0);
      const doc = parseJsonExact(run.out) as { compactedRevision: number; versions: { revision: number; object: { data: unknown } }[] };
      expect(doc.compactedRevision).toBe(revisions[2]);
      expect(doc.versions.map((v) => [v.revision, v.object.data])).toEqual([2, 3, 4].map((step) => [revisions[step], { step: String(step) }]));
      const table = await cli(['history', key]);
      expect(table.out).toMatch(new RegExp(`\\n${revisions[2]} +MODIFIED \\(held at compaction\\) {3,}${revisions[0]} {3,}3 `));
      const current = revisionOf((await cluster().etcd.etcdctl(['get', '-w', 'json', 'compact_rev_key'])).stdout);
      expect(table.out.trimEnd().split('\n').at(-1)).toBe(`history reaches back to revision ${revisions[2]}, where etcd compacted it (older versions are gone); current revision ${current}`);
      const diff = await cli(['diff', key, '--rev', String(revisions[1])]);
      expect(diff).toMatchObject({ code: 1, out: '' });
      expect(diff.stderr).toContain(`error: revision ${revisions[1]} has been compacted: etcd keeps history from revision ${revisions[2]} on\n`);
    });

    it('compaction shows the current and compacted revisions, and kube-apiserver\'s record', async () => {
      const run = await cli(['compaction', '-o', 'json']);
      expect(run.code).toBe(0);
      const doc = parseJsonExact(run.out) as { currentRevision: number; compactedRevision: number; oldestRevision: number; apiserverCompaction: unknown };
      const { stdout } = await cluster().etcd.etcdctl(['get', '-w', 'json', 'compact_rev_key']);
      expect(doc).toEqual({ currentRevision: revisionOf(stdout), compactedRevision: revisions[2], oldestRevision: revisions[2], apiserverCompaction: { revision: revisions[2], compactions: 1 } });
      const text = await cli(['compaction']);
      const rows = text.out.trimEnd().split('\n');
      expect(rows.map((r) => r.split(/ {3,}/)[0])).toEqual(['current revision', 'compacted revision', 'history reaches back to', 'kube-apiserver compaction']);
      expect(new Set(rows.map((r) => textWidth(r.split(/(?<= {3,})(?=\S)/)[0] as string)))).toHaveLength(1);
    });

    it('watch --rev replays the changes etcd still holds, and refuses a compacted revision', async () => {
      const replay = await startWatch([key, '--rev', String(revisions[3]), '-o', 'json']);
      await eventually(async () => jsonDocuments(replay.stdout).length >= 2, 'the replayed changes');
      expect(await stop(replay)).toBe(130);
      expect((jsonDocuments(replay.stdout) as unknown as WatchDoc[]).map((d) => [d.revision, d.object?.data])).toEqual([[revisions[3], { step: '3' }], [revisions[4], { step: '4' }]]);
      const refused = await cli(['watch', key, '--rev', String(revisions[1])]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`error: cannot watch from revision ${revisions[1]}: etcd has compacted its history up to revision ${revisions[2]}, so the changes from ${revisions[1]} to ${revisions[2]} are gone\n`);
    });

    it('watch says so, exit 1, when etcd compacts past it while its stream is down', async () => {
      const watch = await startWatch(['/registry/configmaps/compacted/', '--prefix']);
      const seen = await put(cluster(), configMap('compacted', 'app', { step: 'seen' }));
      await eventually(async () => watch.stdout.includes(` ${seen} `), 'the first change');
      const { faults } = cluster();
      faults.cutStreamAfterBytes = 1;
      faults.serverError = true;
      let missed: number;
      let compactedAt: number;
      try {
        missed = await put(cluster(), configMap('compacted', 'app', { step: 'missed' }));
        await eventually(async () => watch.stderr.includes(`resuming at revision ${missed}`), 'the stream to drop');
        compactedAt = await put(cluster(), configMap('compacted', 'app', { step: 'gone' }));
        await compactLikeApiserver(cluster(), compactedAt);
      } finally {
        delete faults.cutStreamAfterBytes;
        faults.serverError = false;
      }
      expect(await watch.exit).toBe(1);
      expect(watch.stderr).toContain(`error: cannot resume the watch at revision ${missed}: etcd has compacted its history up to revision ${compactedAt}, so the changes from ${missed} to ${compactedAt} are gone\n`);
      expect(watch.stdout).not.toContain(` ${missed} `);
    });
  });
});
