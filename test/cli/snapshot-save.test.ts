/**
 * `snapshot save` through the built executable against the stand-in cluster, on every profile that runs etcd in a
 * pod, with one member and with three: the file is there, `snapshot status` gives etcdctl's numbers for it, the real
 * `etcdctl snapshot restore` of it starts a real etcd holding exactly the live keys and values, and neither the pods
 * nor the nodes keep anything. Distroless images (kubeadm, kubeadm 3.5, RKE2) go through a helper pod; images with
 * cat (minikube, OpenShift) do not need one.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCluster } from '../cluster/harness.js';
import type { ProfileName } from '../cluster/profiles.js';
import { dumpOf, leftovers, restoreAndDump, runCliAsync } from './snapshot-helpers.js';

const PROFILES: readonly { profile: ProfileName; helper: boolean }[] = [
  { profile: 'kubeadm', helper: true },
  { profile: 'kubeadm-3.5', helper: true },
  { profile: 'minikube', helper: false },
  { profile: 'rke2', helper: true },
  { profile: 'openshift', helper: false },
];

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kubectl-etcd-snapshots-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

for (const members of [1, 3] as const) {
  for (const { profile, helper } of PROFILES) {
    describe(`snapshot save: ${profile}, ${members} member${members === 1 ? '' : 's'}`, () => {
      const cluster = useCluster({ profile, members, seed: 'demo' });
      const env = () => ({ PATH: process.env['PATH'], HOME: scratch, KUBECONFIG: cluster().kubeconfigPath });
      const file = () => join(scratch, `${profile}-${members}.db`);

      it(`saves a verified snapshot ${helper ? 'through a helper pod' : 'with cat in the etcd pod'} and leaves nothing behind`, async () => {
        const before = await readdir(scratch);
        const run = await runCliAsync(['snapshot', 'save', file(), ...(helper ? ['--helper-pod'] : [])], env());
        expect(run.stderr).not.toMatch(/^error/m);
        expect(run.status).toBe(0);
        expect(run.stdout).toMatch(new RegExp(`^Snapshot saved at ${file()}: .*sha256 trailer and database integrity verified.*copied by ${helper ? 'helper pod' : 'container'}`));
        expect((await stat(file())).mode & 0o777).toBe(0o600);
        // The temporary file is gone, the target is the only new file.
        expect((await readdir(scratch)).filter((name) => !before.includes(name))).toEqual([`${profile}-${members}.db`]);
        expect(await leftovers(cluster())).toEqual([]);
      });

      it('snapshot status gives the numbers etcdctl snapshot status gives', async () => {
        const ours = await runCliAsync(['snapshot', 'status', file(), '-o', 'json'], env());
        expect(ours.status).toBe(0);
        const { runProgram } = await import('../cluster/run.js');
        const theirs = await runProgram('etcdctl', ['snapshot', 'status', file(), '-w', 'json'], { env: { PATH: process.env['PATH'], ETCDCTL_API: '3' } });
        expect(JSON.parse(ours.stdout)).toEqual(JSON.parse(theirs.stdout.toString('utf8')));
      });

      it('etcdctl snapshot restore of it starts an etcd holding the live keys and values', async () => {
        const live = dumpOf((await cluster().etcd.etcdctl(['get', '', '--prefix', '-w', 'json'])).stdout);
        expect(live.length).toBeGreaterThan(10);
        expect(await restoreAndDump(file())).toEqual(live);
      });
    });
  }
}
