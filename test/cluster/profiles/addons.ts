/**
 * Pods every distribution runs besides the control plane (DNS, proxies, ...), owned by their controllers, and the
 * unserved stand-in for an etcd that runs outside any pod (embedded in k3s, managed by a cloud provider).
 */
import { createHash, randomBytes } from 'node:crypto';
import { hostPathVolume, podObject, type NodeIdentity } from '../objects.js';
import { etcdFlags, type ControlPlaneMember, type EtcdTlsPaths, type PodPlan, type ProfileContext } from './common.js';

export interface AddonPod {
  /** Controller name: the Deployment or DaemonSet. */
  owner: string;
  container: string;
  ownerKind: 'ReplicaSet' | 'DaemonSet';
  namespace: string;
  image: string;
  labels: Record<string, string>;
  hostNetwork: boolean;
}

function suffix(length: number): string {
  return randomBytes(8).toString('hex').replace(/[0-9]/g, (d) => 'bcdfghjklm'[Number(d)] ?? d).slice(0, length);
}

/** A running pod of a Deployment (through its ReplicaSet) or a DaemonSet on `node`. */
export function addonPod(addon: AddonPod, node: NodeIdentity, context: ProfileContext, podIndex: number, k8sMinor: number): PodPlan {
  const templateHash = createHash('sha256').update(addon.owner).digest('hex').slice(0, 10).replace(/[0-9]/g, (d) => 'bcdfghjklm'[Number(d)] ?? d);
  const ownerName = addon.ownerKind === 'ReplicaSet' ? `${addon.owner}-${templateHash}` : addon.owner;
  const generateName = `${ownerName}-`;
  const name = `${generateName}${suffix(5)}`;
  const containerName = addon.container;
  const object = podObject({
    name,
    generateName,
    namespace: addon.namespace,
    node,
    createdAt: context.createdAt,
    labels: { ...addon.labels, ...(addon.ownerKind === 'ReplicaSet' ? { 'pod-template-hash': templateHash } : { 'controller-revision-hash': templateHash.slice(0, 9) }) },
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: addon.ownerKind, name: ownerName, uid: crypto.randomUUID(), controller: true, blockOwnerDeletion: true },
    ],
    podIP: `10.244.${podIndex % 256}.${10 + podIndex}`,
    statusVolumeMounts: k8sMinor >= 30,
    qosClass: 'Burstable',
    spec: {
      containers: [{ name: containerName, image: addon.image, resources: { requests: { cpu: '100m', memory: '70Mi' } } }],
      ...(addon.hostNetwork ? { hostNetwork: true } : {}),
      priority: 2000000000,
      priorityClassName: 'system-cluster-critical',
      serviceAccountName: addon.owner,
      serviceAccount: addon.owner,
      tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }],
    },
  });
  return { object, images: { [containerName]: 'distroless' }, node: node.name };
}

/**
 * An etcd member that no pod shows: its process still runs chrooted with hostPath-like mounts of the node's
 * certificate and data directories, but the API never serves this plan.
 */
export function hiddenEtcd(
  member: ControlPlaneMember,
  context: ProfileContext,
  paths: { certDir: string; dataDir: string; tls: EtcdTlsPaths },
): PodPlan {
  const command = ['etcd', ...etcdFlags(member, context.members, paths.tls, paths.dataDir)];
  const object = podObject({
    name: `embedded-etcd-${member.node.name}`,
    namespace: 'kube-system',
    node: member.node,
    createdAt: context.createdAt,
    labels: {},
    statusVolumeMounts: false,
    qosClass: 'BestEffort',
    spec: {
      containers: [{ name: 'etcd', image: 'embedded', command, volumeMounts: [{ name: 'certs', mountPath: paths.certDir }, { name: 'data', mountPath: paths.dataDir }] }],
      hostNetwork: true,
      volumes: [hostPathVolume('certs', paths.certDir, 'Directory'), hostPathVolume('data', paths.dataDir, 'DirectoryOrCreate')],
    },
  });
  return { object, images: { etcd: 'etcd-distroless' }, node: member.node.name, etcd: { container: 'etcd', command }, hidden: true };
}
