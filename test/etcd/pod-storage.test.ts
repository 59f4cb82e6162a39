/**
 * Where each distribution's etcd pod keeps its data, read from the pod specs the stand-in's profiles build as the
 * distributions write them: the data directory, the hostPath volume behind it, and node paths of certificates.
 */
import { describe, expect, it } from 'vitest';
import type { ContainerJson, PodJson } from '../../src/kube/pods.js';
import { etcdDataDir, hostPathOf, nodePathOf, type PodVolumesJson } from '../../src/etcd/pod-storage.js';
import { nodeIdentity } from '../cluster/objects.js';
import { PROFILES, type ProfileName } from '../cluster/profiles.js';
import type { ProfileContext } from '../cluster/profiles/common.js';

type Pod = PodJson & PodVolumesJson;

function etcdPod(profile: ProfileName): { pod: Pod; container: (name: string) => ContainerJson } {
  const context: ProfileContext = {
    members: [{ node: nodeIdentity('node-1', '10.0.0.1'), etcdName: 'node-1', ports: { client: 2379, peer: 2380, metrics: 2381 } }],
    createdAt: new Date(0),
  };
  const plan = PROFILES[profile].pods(context).find((p) => p.etcd !== undefined);
  if (!plan) throw new Error(`${profile} runs no etcd pod`);
  const pod = plan.object as unknown as Pod;
  return {
    pod,
    container: (name) => {
      const found = pod.spec.containers.find((c) => c.name === name);
      if (!found) throw new Error(`no container ${name}`);
      return found;
    },
  };
}

describe('etcd data directory and its node path', () => {
  const cases: readonly [ProfileName, string, string, string][] = [
    // profile, container etcdctl runs in, data directory, hostPath volume
    ['kubeadm', 'etcd', '/var/lib/etcd', 'etcd-data'],
    ['kubeadm-3.5', 'etcd', '/var/lib/etcd', 'etcd-data'],
    ['minikube', 'etcd', '/var/lib/minikube/etcd', 'etcd-data'],
    ['rke2', 'etcd', '/var/lib/rancher/rke2/server/db/etcd', 'dir0'],
    ['openshift', 'etcdctl', '/var/lib/etcd', 'data-dir'],
  ];
  for (const [profile, containerName, dataDir, volume] of cases) {
    it(`${profile}: ${dataDir} on volume ${volume}`, () => {
      const { pod, container } = etcdPod(profile);
      expect(etcdDataDir(pod, container(containerName))).toBe(dataDir);
      expect(hostPathOf(pod, container(containerName), dataDir)).toEqual({ containerDir: dataDir, nodeDir: dataDir, volume });
      expect(hostPathOf(pod, container(containerName), `${dataDir}/member/snap`)).toEqual({ containerDir: `${dataDir}/member/snap`, nodeDir: `${dataDir}/member/snap`, volume });
    });
  }

  it('a directory outside every hostPath volume has no node path', () => {
    const { pod, container } = etcdPod('kubeadm');
    expect(hostPathOf(pod, container('etcd'), '/tmp')).toBeUndefined();
    expect(nodePathOf(pod, container('etcd'), '/tmp/x')).toBeUndefined();
  });

  it('certificate files: mounted as a folder (kubeadm) or one by one (RKE2), read-only, still have node paths', () => {
    const kubeadm = etcdPod('kubeadm');
    expect(nodePathOf(kubeadm.pod, kubeadm.container('etcd'), '/etc/kubernetes/pki/etcd/server.crt')).toBe('/etc/kubernetes/pki/etcd/server.crt');
    const rke2 = etcdPod('rke2');
    const cert = '/var/lib/rancher/rke2/server/tls/etcd/server-client.crt';
    expect(nodePathOf(rke2.pod, rke2.container('etcd'), cert)).toBe(cert);
    // A file mount is no place to write a snapshot into.
    expect(hostPathOf(rke2.pod, rke2.container('etcd'), cert)).toBeUndefined();
  });

  it('a mount deeper in the tree wins, and paths below it map below its host path', () => {
    const pod: Pod = {
      metadata: { name: 'p', namespace: 'n' },
      spec: {
        containers: [],
        volumes: [{ name: 'root', hostPath: { path: '/srv' } }, { name: 'data', hostPath: { path: '/mnt/disk/etcd', type: 'DirectoryOrCreate' } }],
      },
    };
    const container: ContainerJson = { name: 'c', volumeMounts: [{ name: 'root', mountPath: '/host' }, { name: 'data', mountPath: '/host/var/etcd/' }] };
    expect(hostPathOf(pod, container, '/host/var/etcd/member')).toEqual({ containerDir: '/host/var/etcd/member', nodeDir: '/mnt/disk/etcd/member', volume: 'data' });
    expect(hostPathOf(pod, container, '/host/var')).toEqual({ containerDir: '/host/var', nodeDir: '/srv/var', volume: 'root' });
  });
});
