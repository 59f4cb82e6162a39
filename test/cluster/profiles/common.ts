/** What every profile describes: its nodes, the pods the API serves, and how each node's etcd member runs. */
import type { Node, Pod } from '../model.js';
import { nodeObject, type NodeIdentity, type NodeOptions } from '../objects.js';
import type { ImageName } from '../rootfs.js';

export interface EtcdPorts {
  client: number;
  peer: number;
  metrics: number;
}

/** One control-plane node and the etcd member on it. */
export interface ControlPlaneMember {
  node: NodeIdentity;
  etcdName: string;
  ports: EtcdPorts;
}

export interface ProfileContext {
  members: ControlPlaneMember[];
  createdAt: Date;
}

/** The etcd certificates this runtime generates, by their path in kubeadm's pki folder. */
export type PkiFile =
  | 'etcd/ca.crt'
  | 'etcd/ca.key'
  | 'etcd/server.crt'
  | 'etcd/server.key'
  | 'etcd/peer.crt'
  | 'etcd/peer.key'
  | 'etcd/healthcheck-client.crt'
  | 'etcd/healthcheck-client.key'
  | 'apiserver-etcd-client.crt'
  | 'apiserver-etcd-client.key';

export const PKI_FILES: readonly PkiFile[] = [
  'etcd/ca.crt', 'etcd/ca.key', 'etcd/server.crt', 'etcd/server.key', 'etcd/peer.crt', 'etcd/peer.key',
  'etcd/healthcheck-client.crt', 'etcd/healthcheck-client.key', 'apiserver-etcd-client.crt', 'apiserver-etcd-client.key',
];

/** A file on a node: one of the generated certificates under the distribution's name for it, or given content. */
export type NodeFile = { path: string; certificate: PkiFile } | { path: string; content: string };

export interface PodPlan {
  object: Pod;
  /** Container name -> the image its root file system holds. */
  images: Record<string, ImageName>;
  /** The node whose file system backs the pod's hostPath volumes. */
  node: string;
  /** Set on the pod whose container runs this node's etcd member. */
  etcd?: { container: string; command: string[]; env?: Record<string, string> };
  /** Runs, but is not served by the API: etcd embedded in k3s, a provider-managed control plane. */
  hidden?: boolean;
}

export interface Profile {
  /** Key prefix the API server stores objects under (`--etcd-prefix`). */
  etcdPrefix: string;
  /** What the kubelets and `/version` report. */
  kubernetesVersion: string;
  nodeNames(count: number): string[];
  /** The etcd member name a node gets. */
  etcdName(nodeName: string): string;
  /** Files each control-plane node holds before its pods start. */
  nodeFiles(context: ProfileContext, member: ControlPlaneMember): NodeFile[];
  nodes(context: ProfileContext): Node[];
  pods(context: ProfileContext): PodPlan[];
}

/** `https://<ip>:<port>` */
export function httpsUrl(ip: string, port: number): string {
  return `https://${ip}:${port}`;
}

/** etcd's `--initial-cluster` value for the members. */
export function initialCluster(members: readonly ControlPlaneMember[]): string {
  return members.map((m) => `${m.etcdName}=${httpsUrl(m.node.ip, m.ports.peer)}`).join(',');
}

/** Listen on loopback, and on the node address too when it differs (as kubeadm does). */
export function listenUrls(member: ControlPlaneMember, port: number): string {
  const loopback = httpsUrl('127.0.0.1', port);
  return member.node.ip === '127.0.0.1' ? loopback : `${loopback},${httpsUrl(member.node.ip, port)}`;
}

/** Container paths of the certificates an etcd member serves and checks peers with. */
export interface EtcdTlsPaths {
  cert: string;
  key: string;
  trustedCa: string;
  peerCert: string;
  peerKey: string;
  peerTrustedCa: string;
}

/** etcd's flags as kubeadm writes them (sorted by name), for the member's real ports. */
export function etcdFlags(
  member: ControlPlaneMember,
  members: readonly ControlPlaneMember[],
  tls: EtcdTlsPaths,
  dataDir: string,
  extraFlags: readonly string[] = [],
): string[] {
  const { client, peer, metrics } = member.ports;
  return [
    `--advertise-client-urls=${httpsUrl(member.node.ip, client)}`,
    `--cert-file=${tls.cert}`,
    '--client-cert-auth=true',
    `--data-dir=${dataDir}`,
    '--experimental-initial-corrupt-check=true',
    '--experimental-watch-progress-notify-interval=5s',
    `--initial-advertise-peer-urls=${httpsUrl(member.node.ip, peer)}`,
    `--initial-cluster=${initialCluster(members)}`,
    `--key-file=${tls.key}`,
    `--listen-client-urls=${listenUrls(member, client)}`,
    `--listen-metrics-urls=http://127.0.0.1:${metrics}`,
    `--listen-peer-urls=${httpsUrl(member.node.ip, peer)}`,
    `--name=${member.etcdName}`,
    `--peer-cert-file=${tls.peerCert}`,
    '--peer-client-cert-auth=true',
    `--peer-key-file=${tls.peerKey}`,
    `--peer-trusted-ca-file=${tls.peerTrustedCa}`,
    ...extraFlags,
    '--snapshot-count=10000',
    `--trusted-ca-file=${tls.trustedCa}`,
  ];
}

/** Every generated certificate placed under `dir` with kubeadm's file names. */
export function kubeadmPkiFiles(dir: string): NodeFile[] {
  return PKI_FILES.map((certificate) => ({ path: `${dir}/${certificate}`, certificate }));
}

/** `count` node names `<prefix>1..N`, or just the single-node name. */
export function numberedNames(prefix: string, count: number, first = 1): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i + first}`);
}

/** Env list of a container spec from a plain record. */
export function envList(env: Record<string, string>): { name: string; value: string }[] {
  return Object.entries(env).map(([name, value]) => ({ name, value }));
}

/** One Node object per control-plane member, described by `describe`. */
export function controlPlaneNodes(
  context: ProfileContext,
  describe: (member: ControlPlaneMember, index: number) => Omit<NodeOptions, 'identity' | 'createdAt'>,
): Node[] {
  return context.members.map((member, index) => nodeObject({ identity: member.node, createdAt: context.createdAt, ...describe(member, index) }));
}
