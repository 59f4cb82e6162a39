/**
 * Finding etcd's pods: `component=etcd` in kube-system (kubeadm, kind, minikube, RKE2), then `app=etcd` in
 * openshift-etcd; --etcd-namespace, --pod and --container narrow that down. Ready members come first.
 */
import { ExitCode } from '../cli/exit-codes.js';
import type { ApiClient } from './api-client.js';
import { ClusterError } from './errors.js';
import { parseStatus, statusError } from './status.js';

export interface ContainerJson {
  readonly name: string;
  readonly image?: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env?: readonly { readonly name: string; readonly value?: string }[];
  readonly volumeMounts?: readonly { readonly name: string; readonly mountPath: string }[];
}

/** The parts of a v1 Pod this plugin reads. */
export interface PodJson {
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels?: Record<string, string>; readonly deletionTimestamp?: string };
  readonly spec: { readonly nodeName?: string; readonly containers: readonly ContainerJson[] };
  readonly status?: {
    readonly phase?: string;
    readonly conditions?: readonly { readonly type: string; readonly status: string }[];
  };
}

interface PodListJson {
  readonly items: readonly PodJson[];
}

/** Where each distribution runs etcd, in the order they are tried. */
export const ETCD_LOCATIONS: readonly { readonly namespace: string; readonly selector: string }[] = [
  { namespace: 'kube-system', selector: 'component=etcd' },
  { namespace: 'openshift-etcd', selector: 'app=etcd' },
];

export const APISERVER_LOCATION = { namespace: 'kube-system', selector: 'component=kube-apiserver' } as const;

export function podsPath(namespace: string, selector?: string): string {
  const base = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
  return selector ? `${base}?labelSelector=${encodeURIComponent(selector)}` : base;
}

export function podPath(namespace: string, name: string): string {
  return `${podsPath(namespace)}/${encodeURIComponent(name)}`;
}

export async function listPods(client: ApiClient, namespace: string, selector: string, signal?: AbortSignal): Promise<readonly PodJson[]> {
  const list = await client.getJson<PodListJson>(podsPath(namespace, selector), signal);
  return (list.items ?? []).map((pod) => ({ ...pod, metadata: { ...pod.metadata, namespace: pod.metadata.namespace ?? namespace } }));
}

export function isReady(pod: PodJson): boolean {
  return pod.status?.phase === 'Running' && (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Ready members first, then running ones, then the rest; terminating pods last; by name within each group. */
export function byPreference(pods: readonly PodJson[]): PodJson[] {
  const rank = (pod: PodJson) => (pod.metadata.deletionTimestamp ? 3 : isReady(pod) ? 0 : pod.status?.phase === 'Running' ? 1 : 2);
  return [...pods].sort((a, b) => rank(a) - rank(b) || a.metadata.name.localeCompare(b.metadata.name));
}

/** The container etcdctl runs in: --container, else OpenShift's `etcdctl` container, else `etcd`, else the first. */
export function chooseContainer(pod: PodJson, wanted: string | undefined): ContainerJson {
  const containers = pod.spec.containers;
  const names = containers.map((c) => c.name);
  if (wanted !== undefined) {
    const container = containers.find((c) => c.name === wanted);
    if (!container) {
      throw new ClusterError(`pod ${pod.metadata.namespace}/${pod.metadata.name} has no container "${wanted}"`, ExitCode.error, `its containers: ${names.join(', ')}`);
    }
    return container;
  }
  const container = containers.find((c) => c.name === 'etcdctl') ?? containers.find((c) => c.name === 'etcd') ?? containers[0];
  if (!container) throw new ClusterError(`pod ${pod.metadata.namespace}/${pod.metadata.name} has no containers`, ExitCode.error);
  return container;
}

/** The container running the etcd server itself (its flags name the certificates and client URLs). */
export function etcdServerContainer(pod: PodJson): ContainerJson | undefined {
  const runsEtcd = (c: ContainerJson) => [...(c.command ?? []), ...(c.args ?? [])].some((arg) => /(^|[\s/])etcd(\s|$)/.test(arg));
  return pod.spec.containers.find((c) => c.name === 'etcd') ?? pod.spec.containers.find(runsEtcd);
}

/** The etcd pods the options point to, preferred first; empty when the cluster runs no etcd pod. */
export async function findEtcdPods(
  client: ApiClient,
  options: { readonly namespace?: string | undefined; readonly pod?: string | undefined },
  signal?: AbortSignal,
): Promise<readonly PodJson[]> {
  const namespaces = options.namespace ? [options.namespace] : ETCD_LOCATIONS.map((l) => l.namespace);
  if (options.pod) return [await getNamedPod(client, namespaces, options.pod, signal)];
  // With --etcd-namespace, both distributions' labels are looked for there.
  for (const location of ETCD_LOCATIONS) {
    const pods = await listPods(client, options.namespace ?? location.namespace, location.selector, signal);
    if (pods.length > 0) return byPreference(pods);
  }
  return [];
}

async function getNamedPod(client: ApiClient, namespaces: readonly string[], name: string, signal?: AbortSignal): Promise<PodJson> {
  for (const namespace of namespaces) {
    const { status, body } = await client.request(podPath(namespace, name), signal);
    if (status === 200) return JSON.parse(body.toString('utf8')) as PodJson;
    if (status !== 404) throw statusError(parseStatus(status, body), { method: 'GET', path: podPath(namespace, name) });
  }
  throw new ClusterError(`pod "${name}" not found in namespace ${namespaces.join(' or ')}`, ExitCode.error, 'name another namespace with --etcd-namespace, or list etcd pods with `kubectl get pods -A -l component=etcd`');
}
