/**
 * The real kubectl against the stand-in API server in front of the runtime's profiles: etcdctl run through
 * `kubectl exec` in the etcd pod reads the real etcd, and `kubectl cp` works or fails as the profile's image allows.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './cluster.js';
import { locateProgram } from './host-tools.js';
import { kubectlFor, kubectlUnavailable, type Run } from './kubectl-runner.js';
import type { Pod } from './model.js';

/** Why these tests cannot run here: kubectl's reasons, or what the test cluster itself needs. */
async function clusterKubectlUnavailable(): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return 'the test cluster needs root (chroot and bind mounts)';
  for (const tool of ['etcd', 'etcdctl']) if (!(await locateProgram(tool))) return `${tool} is not on PATH (scripts/install-system-deps.sh)`;
  return kubectlUnavailable();
}

const unavailable = await clusterKubectlUnavailable();

/** etcdctl's TLS and endpoint flags, taken from the etcd container's command as the plugin will take them. */
function etcdctlFlags(pod: Pod): string[] {
  const command = [...(pod.spec.containers[0]?.command ?? []), ...(pod.spec.containers[0]?.args ?? [])];
  const flag = (name: string) => command.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? '';
  return [
    `--endpoints=${flag('advertise-client-urls').split(',')[0]}`,
    `--cacert=${flag('trusted-ca-file')}`,
    `--cert=${flag('cert-file')}`,
    `--key=${flag('key-file')}`,
  ];
}

for (const profile of ['kubeadm', 'minikube'] as const) {
  describe.skipIf(unavailable !== undefined)(`kubectl on the ${profile} profile${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
    let cluster: Cluster;
    let etcdPod: Pod;
    let kubectl: (args: string[]) => Promise<Run>;

    beforeAll(async () => {
      cluster = await startCluster({ profile });
      kubectl = await kubectlFor(cluster.kubeconfigPath, cluster.dir);
      const entry = cluster.state.pods.find((pod) => pod.object.metadata.labels?.['component'] === 'etcd');
      if (!entry) throw new Error(`the ${profile} profile has no etcd pod`);
      etcdPod = entry.object;
      await cluster.etcd.etcdctl(['put', '/registry/namespaces/stand-in-check', 'value']);
    });

    afterAll(async () => {
      await cluster?.stop();
    });

    it('lists the etcd pod and reads etcd through kubectl exec etcdctl', async () => {
      const pods = await kubectl(['get', 'pods', '-n', 'kube-system', '-l', 'component=etcd', '-o', 'name']);
      expect(pods.stdout).toBe(`pod/${etcdPod.metadata.name}\n`);
      const keys = await kubectl(['exec', '-n', 'kube-system', etcdPod.metadata.name, '--', 'etcdctl', ...etcdctlFlags(etcdPod), 'get', '/registry', '--prefix', '--keys-only']);
      expect(keys.stderr).toBe('');
      expect(keys.stdout.split('\n').filter(Boolean)).toContain('/registry/namespaces/stand-in-check');
    });

    it(profile === 'minikube' ? 'kubectl cp works (the image has tar)' : 'kubectl cp fails as on a distroless etcd image', async () => {
      const local = join(cluster.dir, 'copy.txt');
      await writeFile(local, 'copied\n');
      const result = await kubectl(['cp', local, `kube-system/${etcdPod.metadata.name}:/tmp/copy.txt`]);
      if (profile === 'minikube') {
        expect(result.code).toBe(0);
        const back = join(cluster.dir, 'back.txt');
        expect((await kubectl(['cp', `kube-system/${etcdPod.metadata.name}:/tmp/copy.txt`, back])).code).toBe(0);
        expect(await readFile(back, 'utf8')).toBe('copied\n');
      } else {
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('exec: "tar": executable file not found in $PATH: unknown');
      }
    });
  });
}
