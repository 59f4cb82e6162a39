/**
 * What a restore plan needs to know of the cluster in hand, found without changing anything: the distribution, the
 * etcd version and which restore tool its image carries, and per member its node, name, peer URL, data directory
 * (in the container and on the node, with the hostPath volume between them), certificates and static pod folder.
 */
import { ExitCode } from '../cli/exit-codes.js';
import { ApiClient } from '../kube/api-client.js';
import { CommandNotStartedError, execInPod } from '../kube/exec.js';
import { resolveApiServerAccess, type KubeconfigOptions } from '../kube/kubeconfig.js';
import { etcdServerContainer, podPath, type ContainerJson, type PodJson } from '../kube/pods.js';
import { ClusterError } from '../kube/errors.js';
import type { EtcdConnection } from './connect.js';
import { commandWords, flagValue } from './etcd-pod-spec.js';
import { etcdDataDir, hostPathOf, nodePathOf, type PodVolumesJson } from './pod-storage.js';

export type Distribution = 'kubeadm' | 'minikube' | 'rke2' | 'openshift';

export interface MemberFacts {
  readonly pod: string;
  readonly node: string | undefined;
  /** etcd's member name; undefined when neither the spec nor the member list tells. */
  readonly name: string | undefined;
  readonly peerUrls: readonly string[];
  /** --data-dir inside the container. */
  readonly dataDir: string | undefined;
  /** The same directory on the node, and the hostPath volume that maps one to the other. */
  readonly nodeDataDir: string | undefined;
  readonly dataVolume: string | undefined;
  /** Client certificate, key and CA on the node, for checking the member from the node. */
  readonly tls: { readonly cacert: string | undefined; readonly cert: string | undefined; readonly key: string | undefined };
  /** The member's client URL as the node reaches it. */
  readonly clientUrl: string | undefined;
  /** The kubelet's staticPodPath, when the API lets us ask the kubelet (nodes/proxy); else undefined. */
  readonly manifestDir: string | undefined;
}

export interface RestoreFacts {
  readonly distribution: Distribution;
  /** From `etcdctl version` in the etcd container. */
  readonly etcdVersion: string | undefined;
  /** etcdutl when the etcd image carries it (etcd 3.5+), else etcdctl. */
  readonly restoreTool: 'etcdutl' | 'etcdctl';
  /** `name=peerURL,...` from the member list, by name: what `--initial-cluster` of the restore takes. */
  readonly initialCluster: string;
  readonly members: readonly MemberFacts[];
}

type Pod = PodJson & PodVolumesJson;

interface ListedMember {
  readonly name?: string;
  readonly peerURLs?: readonly string[];
  readonly clientURLs?: readonly string[];
}

export function distributionOf(pod: PodJson, server: ContainerJson | undefined): Distribution {
  if (pod.metadata.namespace === 'openshift-etcd') return 'openshift';
  const words = server ? commandWords(server) : [];
  if ((flagValue(words, 'config-file') ?? '').includes('/rancher/rke2/') || /rancher\/hardened-etcd/.test(server?.image ?? '')) return 'rke2';
  if ((flagValue(words, 'cert-file') ?? '').startsWith('/var/lib/minikube/')) return 'minikube';
  return 'kubeadm';
}

/** The member of the list this pod runs: by --name, by its advertised peer or client URL, by its node's name. */
export function listedMemberOf(pod: PodJson, server: ContainerJson | undefined, listed: readonly ListedMember[]): ListedMember | undefined {
  const words = server ? commandWords(server) : [];
  const name = flagValue(words, 'name') ?? server?.env?.find((e) => e.name === 'ETCD_NAME')?.value;
  const peer = flagValue(words, 'initial-advertise-peer-urls')?.split(',');
  const client = flagValue(words, 'advertise-client-urls')?.split(',');
  const node = pod.spec.nodeName;
  return (
    listed.find((m) => name !== undefined && m.name === name) ??
    listed.find((m) => peer?.some((url) => m.peerURLs?.includes(url))) ??
    listed.find((m) => client?.some((url) => m.clientURLs?.includes(url))) ??
    listed.find((m) => node !== undefined && m.name?.startsWith(node))
  );
}

function memberFacts(pod: Pod, member: ListedMember | undefined, clientUrl: string | undefined, manifestDir: string | undefined): MemberFacts {
  const server = etcdServerContainer(pod);
  const words = server ? commandWords(server) : [];
  const dataDir = server ? etcdDataDir(pod, server) : undefined;
  const location = server && dataDir ? hostPathOf(pod, server, dataDir) : undefined;
  const nodeFile = (flag: string) => {
    const path = flagValue(words, flag);
    return server && path ? (nodePathOf(pod, server, path) ?? path) : undefined;
  };
  return {
    pod: `${pod.metadata.namespace}/${pod.metadata.name}`,
    node: pod.spec.nodeName,
    name: member?.name ?? flagValue(words, 'name'),
    peerUrls: member?.peerURLs ?? flagValue(words, 'initial-advertise-peer-urls')?.split(',') ?? [],
    dataDir,
    nodeDataDir: location?.nodeDir,
    dataVolume: location?.volume,
    tls: { cacert: nodeFile('trusted-ca-file'), cert: nodeFile('cert-file'), key: nodeFile('key-file') },
    clientUrl,
    manifestDir,
  };
}

/** The kubelet's staticPodPath through the API server's node proxy; undefined when that is not allowed. */
async function staticPodPath(client: ApiClient, node: string | undefined, signal: AbortSignal): Promise<string | undefined> {
  if (node === undefined) return undefined;
  try {
    const configz = await client.getJson<{ kubeletconfig?: { staticPodPath?: string } }>(`/api/v1/nodes/${encodeURIComponent(node)}/proxy/configz`, signal);
    return configz.kubeletconfig?.staticPodPath;
  } catch {
    return undefined;
  }
}

/** Whether the etcd container's image carries etcdutl. */
async function hasEtcdutl(client: ApiClient, connection: EtcdConnection, signal: AbortSignal): Promise<boolean> {
  const member = connection.members[0];
  if (member === undefined) return false;
  try {
    const result = await execInPod(client, { namespace: member.namespace, pod: member.name, container: member.container, command: ['etcdutl', 'version'], signal });
    return result.exitCode === 0;
  } catch (error) {
    if (error instanceof CommandNotStartedError) return false;
    throw error;
  }
}

export async function gatherRestoreFacts(connection: EtcdConnection, kubeconfig: KubeconfigOptions, signal: AbortSignal): Promise<RestoreFacts> {
  const client = new ApiClient(await resolveApiServerAccess({ kubeconfig: kubeconfig.kubeconfig, context: kubeconfig.context }));
  try {
    const [list, version, etcdutl, pods] = await Promise.all([
      connection.etcdctl(['member', 'list', '-w', 'json'], { signal }),
      connection.etcdctl(['version'], { signal }),
      hasEtcdutl(client, connection, signal),
      Promise.all(connection.members.map((m) => client.getJson<Pod>(podPath(m.namespace, m.name), signal))),
    ]);
    const listed = (JSON.parse(list.stdout.toString('utf8')) as { members?: ListedMember[] }).members ?? [];
    const first = pods[0];
    if (first === undefined) throw new ClusterError('no etcd pod to plan a restore for', ExitCode.unreachable);
    const members = await Promise.all(
      pods.map(async (pod, i) => {
        const server = etcdServerContainer(pod);
        return memberFacts(pod, listedMemberOf(pod, server, listed), connection.members[i]?.clientUrl, await staticPodPath(client, pod.spec.nodeName, signal));
      }),
    );
    return {
      distribution: distributionOf(first, etcdServerContainer(first)),
      etcdVersion: /etcdctl version:\s*(\S+)/.exec(version.stdout.toString('utf8'))?.[1],
      restoreTool: etcdutl ? 'etcdutl' : 'etcdctl',
      initialCluster: listed.flatMap((m) => (m.name ? (m.peerURLs ?? []).map((url) => `${m.name}=${url}`) : [])).sort().join(','),
      members,
    };
  } finally {
    client.close();
  }
}
