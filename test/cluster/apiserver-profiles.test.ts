/**
 * The real kubectl against the stand-in API server in front of the runtime's profiles: etcdctl run through
 * `kubectl exec` in the etcd pod reads the real etcd, and `kubectl cp` works or fails as the profile's image allows.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './cluster.js';
import { locateProgram } from './host-tools.js';
import type { Pod } from './model.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(program, args, { env, encoding: 'utf8', maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

async function kubectlUnavailable(): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return 'the test cluster needs root (chroot and bind mounts)';
  for (const tool of ['etcd', 'etcdctl']) if (!(await locateProgram(tool))) return `${tool} is not on PATH (scripts/install-system-deps.sh)`;
  const kubectl = await locateProgram('kubectl');
  if (!kubectl) return 'kubectl is not on PATH';
  const { stdout } = await run(kubectl, ['version', '--client', '-o', 'json'], process.env);
  const minor = Number.parseInt((JSON.parse(stdout || '{}') as { clientVersion?: { minor?: string } }).clientVersion?.minor ?? '', 10);
  return minor >= 30 ? undefined : 'kubectl is older than 1.30 (no WebSocket exec)';
}

const unavailable = await kubectlUnavailable();

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
    let kubectlPath: string;

    beforeAll(async () => {
      cluster = await startCluster({ profile });
      kubectlPath = (await locateProgram('kubectl')) as string;
      const entry = cluster.state.pods.find((pod) => pod.object.metadata.labels?.['component'] === 'etcd');
      if (!entry) throw new Error(`the ${profile} profile has no etcd pod`);
      etcdPod = entry.object;
      await cluster.etcd.etcdctl(['put', '/registry/namespaces/stand-in-check', 'value']);
    });

    afterAll(async () => {
      await cluster?.stop();
    });

    function kubectl(args: string[]): Promise<Run> {
      const env = { PATH: process.env['PATH'], HOME: cluster.dir, KUBECONFIG: cluster.kubeconfigPath, KUBECACHEDIR: join(cluster.dir, 'kube-cache') };
      return run(kubectlPath, args, env);
    }

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
