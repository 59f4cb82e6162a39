/**
 * A save that does not finish leaves nothing: Ctrl-C while the snapshot streams out (through a helper pod, and with
 * cat in the etcd pod), a connection cut half way, a helper pod that cannot start and a helper pod refused all end
 * without the target file, without the temporary file, and without the pod-side file or the helper pod. The stand-in API server throttles the stream so the save is surely
 * caught in the middle: the test interrupts once the temporary file exists, not after some time.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useCluster } from '../cluster/harness.js';
import { leftovers, runCliAsync, startCli } from './snapshot-helpers.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kubectl-etcd-interrupt-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Resolves once a file whose name matches appears in `dir` (or the process ends first). */
async function appears(dir: string, pattern: RegExp, ended: () => boolean): Promise<boolean> {
  while (!ended()) {
    if ((await readdir(dir)).some((name) => pattern.test(name))) return true;
    await sleep(20);
  }
  return false;
}

for (const { profile, helper } of [{ profile: 'kubeadm', helper: true }, { profile: 'minikube', helper: false }] as const) {
  describe(`an unfinished save leaves nothing (${profile})`, () => {
    const cluster = useCluster({ profile, seed: 'demo' });
    const env = () => ({ PATH: process.env['PATH'], HOME: scratch, KUBECONFIG: cluster().kubeconfigPath });
    const save = (file: string) => ['snapshot', 'save', join(scratch, file), ...(helper ? ['--helper-pod'] : [])];

    afterEach(() => {
      delete cluster().faults.streamBytesPerSecond;
      delete cluster().faults.cutStreamAfterBytes;
    });

    it('Ctrl-C during the transfer: exit 130, no file, nothing in the pod or on the node', async () => {
      cluster().faults.streamBytesPerSecond = 8 * 1024;
      const run = startCli(save('interrupted.db'), env());
      let ended = false;
      void run.done.then(() => (ended = true));
      expect(await appears(scratch, /^\.interrupted\.db\..*\.part$/, () => ended)).toBe(true);
      run.child.kill('SIGINT');
      const outcome = await run.done;
      expect(outcome.status).toBe(130);
      expect(outcome.stderr).toMatch(/interrupted: cleaning up/);
      expect(outcome.stderr).toMatch(/^error: interrupted: no snapshot was written$/m);
      expect(outcome.stderr).not.toMatch(/warning: could not undo/);
      expect(await readdir(scratch)).toEqual([]);
      expect(await leftovers(cluster())).toEqual([]);
    });

    it('a connection cut half way: an error, no file, nothing in the pod or on the node', async () => {
      // Bigger than any control output (etcdctl's logs, the status JSON), smaller than the 64 KiB snapshot.
      cluster().faults.cutStreamAfterBytes = 40 * 1024;
      const outcome = await runCliAsync(save('cut.db'), env());
      expect(outcome.status).toBe(4);
      expect(outcome.stderr).toMatch(/connection to the API server was cut while cat .* was running/);
      expect(await readdir(scratch)).toEqual([]);
      expect(await leftovers(cluster())).toEqual([]);
    });

    if (helper) {
      it('without --helper-pod and without a terminal to ask on, it refuses and says how to allow it', async () => {
        const outcome = await runCliAsync(['snapshot', 'save', join(scratch, 'refused.db')], env());
        expect(outcome.status).toBe(1);
        expect(outcome.stderr).toMatch(/has no cat to hand the snapshot over\nhint: allow a short-lived helper pod on node control-plane-1 with --helper-pod/);
        expect(await readdir(scratch)).toEqual([]);
        expect(await leftovers(cluster())).toEqual([]);
      });

      it('a helper image the node cannot pull: the error says so, and the helper pod is deleted', async () => {
        const outcome = await runCliAsync([...save('unpulled.db'), '--helper-image', 'registry.invalid/nothing:1'], env());
        expect(outcome.status).toBe(1);
        expect(outcome.stderr).toMatch(/the helper pod kubectl-etcd-helper-\w+ cannot start: CreateContainerError: failed to pull image "registry.invalid\/nothing:1"/);
        expect(await readdir(scratch)).toEqual([]);
        expect(await leftovers(cluster())).toEqual([]);
      });
    }
  });
}
