/**
 * history, diff, compaction and stats read offline (--snapshot) through the built executable. A snapshot saved with
 * the real `etcdctl snapshot save` from the stand-in cluster (kubeadm, one real etcd member, demo seed), after a key
 * was updated, compacted, deleted and re-created with the real etcdctl, answers as the live cluster does; the
 * committed examples/demo.db answers consistently with what the real etcdctl says of it.
 */
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeObject } from '../../src/codec/encode.js';
import type { JsonObject } from '../../src/codec/value.js';
import { parseJsonExact } from '../../src/render/json-parse.js';
import { useCluster } from '../cluster/harness.js';
import { runProgram } from '../cluster/run.js';
import { clusterUnavailable } from '../kube/helpers.js';
import { repoRoot, requireBuild, scratchDir } from './cli-runner.js';
import { runCliAsync, type CliOutcome } from './snapshot-helpers.js';

const unavailable = clusterUnavailable();
const demoDb = join(repoRoot, 'examples', 'demo.db');
const KEY = '/registry/configmaps/default/offline-history';

function configMap(data: Record<string, string>): Uint8Array {
  const object: JsonObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'offline-history', namespace: 'default', uid: 'uid-offline-history', creationTimestamp: '2026-01-02T03:04:05Z' }, data };
  return encodeObject(object);
}

function revisionOf(result: { stdout: Buffer }): number {
  return Number((parseJsonExact(result.stdout.toString('utf8')) as { header: { revision: number } }).header.revision);
}

function json(run: CliOutcome): JsonObject {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return parseJsonExact(run.stdout) as JsonObject;
}

let scratch: { dir: string; remove: () => Promise<void> };
beforeAll(async () => {
  requireBuild();
  scratch = await scratchDir();
});
afterAll(async () => {
  await scratch?.remove();
});
const offline = (file: string, command: readonly string[]) => runCliAsync(['--snapshot', file, ...command], { PATH: process.env['PATH'], HOME: scratch.dir });

describe.skipIf(unavailable)(`offline history from a snapshot saved by etcdctl (kubeadm, demo seed)${unavailable ? ` (${unavailable})` : ''}`, () => {
  const cluster = useCluster({ profile: 'kubeadm', seed: 'demo' });
  const file = () => join(scratch.dir, 'history.db');
  const live = (command: readonly string[]) => runCliAsync(command, { PATH: process.env['PATH'], HOME: scratch.dir, KUBECONFIG: cluster().kubeconfigPath });
  const revisions: number[] = [];

  beforeAll(async () => {
    const put = async (data: Record<string, string>) => revisions.push(revisionOf(await cluster().etcd.etcdctl(['put', '-w', 'json', KEY], configMap(data))));
    await put({ step: '1' });
    await put({ step: '2' });
    await put({ step: '3', extra: 'yes' });
    // Compacted as kube-apiserver does it, between versions: the history starts at the version live at that revision.
    const compactAt = revisions[1] as number;
    await cluster().etcd.etcdctl(['put', 'compact_rev_key', String(compactAt)]);
    await cluster().etcd.etcdctl(['compact', String(compactAt)]);
    revisions.push(revisionOf(await cluster().etcd.etcdctl(['del', '-w', 'json', KEY])));
    await put({ step: 'again' });
    await put({ step: 'again', more: 'x' });
    await cluster().etcd.etcdctl(['snapshot', 'save', file()]);
  });
  afterAll(async () => {
    await rm(file(), { force: true });
  });

  const same = (command: () => readonly string[]) => async () => {
    const [online, fromFile] = await Promise.all([live(command()), offline(file(), command())]);
    expect(online.status).toBe(0);
    expect(fromFile).toEqual(online);
  };
  it('history of a key updated, compacted, deleted and re-created', same(() => ['history', KEY]));
  it('history -o yaml', same(() => ['history', KEY, '-o', 'yaml']));
  it('history --diff of an object named as kubectl names it', same(() => ['history', 'configmap/offline-history', '-n', 'default', '--diff']));
  it('history of a demo object', same(() => ['history', 'deploy/web', '-n', 'shop', '-o', 'json']));
  it('diff --rev across the deletion', same(() => ['diff', KEY, '--rev', String(revisions[2]), '--rev', String(revisions[5])]));
  it('diff --rev to now', same(() => ['diff', KEY, '--rev', String(revisions[1])]));
  it('compaction', same(() => ['compaction']));
  it('compaction -o json', same(() => ['compaction', '-o', 'json']));

  it('history shows the version at the compacted revision, then every change after it', async () => {
    const table = await offline(file(), ['history', KEY]);
    expect(table.status).toBe(0);
    const rows = table.stdout.split('\n').filter((line) => /^\d/.test(line)).map((line) => line.split(/\s+/).slice(0, 2).join(' '));
    expect(rows).toEqual([`${revisions[1]} MODIFIED`, `${revisions[2]} MODIFIED`, `${revisions[3]} DELETED`, `${revisions[4]} ADDED`, `${revisions[5]} MODIFIED`]);
    const compaction = json(await offline(file(), ['compaction', '-o', 'json']));
    expect(compaction['compactedRevision']).toBe(revisions[1]);
  });

  it('diff below the compacted revision fails as it does live', async () => {
    const command = ['diff', KEY, '--rev', String(revisions[0])];
    const [online, fromFile] = await Promise.all([live(command), offline(file(), command)]);
    expect(online.status).not.toBe(0);
    expect(fromFile).toEqual(online);
  });

  it('stats: the same keyspace figures; the snapshot file stands in for the members', async () => {
    const [online, fromFile] = await Promise.all([live(['stats', '-o', 'json']), offline(file(), ['stats', '-o', 'json'])]);
    const { members: liveMembers, ...liveFigures } = json(online);
    const { members, ...figures } = json(fromFile);
    expect(figures).toEqual(liveFigures);
    expect(Array.isArray(liveMembers) && liveMembers.length).toBe(1);
    const { size } = await stat(file());
    expect(members).toEqual([expect.objectContaining({ endpoint: file(), dbSize: size })]);
  });

  it('stats table: the same sections before the members', async () => {
    const [online, fromFile] = await Promise.all([live(['stats']), offline(file(), ['stats'])]);
    const beforeMembers = (text: string) => text.slice(0, text.indexOf('MEMBER'));
    expect(online.status).toBe(0);
    expect(fromFile.status).toBe(0);
    expect(beforeMembers(fromFile.stdout)).toEqual(beforeMembers(online.stdout));
    expect(fromFile.stdout).toContain(file());
  });
});

describe('offline history from the committed examples/demo.db', () => {
  it('compaction names the revision etcdctl snapshot status reads', async () => {
    const status = await runProgram('etcdctl', ['snapshot', 'status', '-w', 'json', demoDb], { env: { PATH: process.env['PATH'], ETCDCTL_API: '3' } });
    const { revision } = JSON.parse(status.stdout.toString('utf8')) as { revision: number };
    const compaction = json(await offline(demoDb, ['compaction', '-o', 'json']));
    expect(compaction['currentRevision']).toBe(revision);
  });

  it('history of a demo object ends at the version get reads', async () => {
    const stored = json(await offline(demoDb, ['get', 'deploy/web', '-n', 'shop', '-o', 'etcdctl-json']));
    const [kv] = stored['kvs'] as { mod_revision: number; version: number }[];
    const history = json(await offline(demoDb, ['history', 'deploy/web', '-n', 'shop', '-o', 'json']));
    const table = await offline(demoDb, ['history', 'deploy/web', '-n', 'shop']);
    expect(table.status).toBe(0);
    const rows = table.stdout.split('\n').filter((line) => /^\d/.test(line));
    expect(rows).toHaveLength(kv?.version ?? 0);
    expect(rows.at(-1)?.split(/\s+/)[0]).toBe(String(kv?.mod_revision));
    expect(JSON.stringify(history)).toContain('"web"');
  });

  it('stats counts the keys get lists', async () => {
    const keys = await offline(demoDb, ['get', '/registry/', '--prefix', '--keys-only']);
    expect(keys.status).toBe(0);
    const stats = json(await offline(demoDb, ['stats', '/registry/', '-o', 'json']));
    expect((stats['total'] as { keys: number }).keys).toBe(keys.stdout.split('\n').filter((line) => line !== '').length);
  });
});
