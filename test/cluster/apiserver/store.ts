/**
 * The API server's view of the cluster state: resource versions, pods created and deleted through the API (with
 * the status updates a scheduler and kubelet would write), and watch events for them.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ClusterState, Node, Pod, PodEntry } from '../model.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export type PodListener = (type: WatchEventType, pod: Pod) => void;

/** Timestamps as the API serializes metav1.Time: RFC 3339, whole seconds, UTC. */
export function apiTimestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// The alphabet of names generated from generateName (apiserver's utilrand.String).
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(length = 5): string {
  return [...randomBytes(length)].map((byte) => NAME_ALPHABET[byte % NAME_ALPHABET.length]).join('');
}

function randomContainerId(): string {
  return `containerd://${randomBytes(32).toString('hex')}`;
}

function nodeInternalIp(node: Node | undefined): string | undefined {
  const addresses = (node?.['status'] as { addresses?: { type: string; address: string }[] } | undefined)?.addresses;
  return addresses?.find((address) => address.type === 'InternalIP')?.address;
}

function condition(type: string, status: 'True' | 'False', extra: Record<string, string> = {}) {
  return { type, status, lastProbeTime: null, lastTransitionTime: apiTimestamp(), ...extra };
}

export class Store {
  private revision: number;
  private readonly listeners = new Set<PodListener>();
  private readonly launched = new Set<PodEntry>();

  constructor(readonly state: ClusterState) {
    const existing = [...state.namespaces, ...state.nodes, ...state.pods.map((entry) => entry.object)]
      .map((object) => Number(object.metadata.resourceVersion ?? 0))
      .filter(Number.isFinite);
    this.revision = Math.max(0, ...existing) + 1;
  }

  get resourceVersion(): string {
    return String(this.revision);
  }

  private nextResourceVersion(): string {
    this.revision += 1;
    return String(this.revision);
  }

  onPodEvent(listener: PodListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(type: WatchEventType, pod: Pod): void {
    for (const listener of this.listeners) listener(type, pod);
  }

  findPod(namespace: string, name: string): PodEntry | undefined {
    return this.state.pods.find((entry) => entry.object.metadata.namespace === namespace && entry.object.metadata.name === name);
  }

  /** Stores a validated pod with the fields the API server sets on create; scheduling and start follow. */
  createPod(submitted: Pod): Pod {
    const metadata = submitted.metadata;
    const name = metadata.name || `${String(metadata['generateName'] ?? '')}${randomSuffix()}`;
    const pod: Pod = {
      ...submitted,
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...metadata,
        name,
        uid: randomUUID(),
        resourceVersion: this.nextResourceVersion(),
        creationTimestamp: apiTimestamp(),
      },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    };
    const entry: PodEntry = { object: pod, containers: {} };
    this.state.pods.push(entry);
    this.emit('ADDED', pod);
    this.schedule(entry);
    return pod;
  }

  private update(entry: PodEntry, change: (pod: Pod) => Pod): void {
    if (!this.state.pods.includes(entry)) return;
    const next = change(entry.object);
    entry.object = { ...next, metadata: { ...next.metadata, resourceVersion: this.nextResourceVersion() } };
    this.emit('MODIFIED', entry.object);
  }

  /** Binds the pod to its node (or the first node its nodeSelector matches), then has it launched. */
  private schedule(entry: PodEntry): void {
    const pod = entry.object;
    const selector = (pod.spec['nodeSelector'] ?? {}) as Record<string, string>;
    const node = pod.spec.nodeName
      ? this.state.nodes.find((candidate) => candidate.metadata.name === pod.spec.nodeName)
      : this.state.nodes.find((candidate) =>
          Object.entries(selector).every(([key, value]) => candidate.metadata.labels?.[key] === value),
        );
    if (!node) {
      this.update(entry, (current) => ({
        ...current,
        status: { ...current.status, conditions: [condition('PodScheduled', 'False', { reason: 'Unschedulable' })] },
      }));
      return;
    }
    this.update(entry, (current) => ({
      ...current,
      spec: { ...current.spec, nodeName: node.metadata.name },
      status: { ...current.status, conditions: [condition('PodScheduled', 'True')] },
    }));
    void this.launch(entry, node);
  }

  private async launch(entry: PodEntry, node: Node): Promise<void> {
    const launch = this.state.launch;
    if (!launch) return;
    const hostIp = nodeInternalIp(node);
    try {
      const launched = await launch(entry.object);
      Object.assign(entry, launched);
      this.launched.add(entry);
      this.update(entry, (pod) => ({ ...pod, status: this.runningStatus(pod, hostIp) }));
    } catch (error) {
      const message = (error as Error).message;
      this.update(entry, (pod) => ({
        ...pod,
        status: {
          ...pod.status,
          containerStatuses: pod.spec.containers.map((container) => ({
            name: container.name,
            state: { waiting: { reason: 'CreateContainerError', message } },
            ready: false,
            restartCount: 0,
            image: container.image ?? '',
            imageID: '',
            started: false,
          })),
        },
      }));
    }
  }

  private runningStatus(pod: Pod, hostIp: string | undefined): Pod['status'] {
    const startedAt = apiTimestamp();
    const podIp = pod.spec['hostNetwork'] === true ? hostIp : `10.244.0.${2 + (this.revision % 250)}`;
    return {
      ...pod.status,
      phase: 'Running',
      conditions: [
        condition('PodReadyToStartContainers', 'True'),
        condition('Initialized', 'True'),
        condition('Ready', 'True'),
        condition('ContainersReady', 'True'),
        condition('PodScheduled', 'True'),
      ],
      ...(hostIp ? { hostIP: hostIp, hostIPs: [{ ip: hostIp }] } : {}),
      ...(podIp ? { podIP: podIp, podIPs: [{ ip: podIp }] } : {}),
      startTime: startedAt,
      containerStatuses: pod.spec.containers.map((container) => ({
        name: container.name,
        state: { running: { startedAt } },
        lastState: {},
        ready: true,
        restartCount: 0,
        image: container.image ?? '',
        imageID: '',
        containerID: randomContainerId(),
        started: true,
      })),
    };
  }

  /** Removes the pod at once (as a zero grace period would) and returns it as the API answers a DELETE. */
  async deletePod(entry: PodEntry): Promise<Pod> {
    this.state.pods.splice(this.state.pods.indexOf(entry), 1);
    const deleted: Pod = {
      ...entry.object,
      metadata: {
        ...entry.object.metadata,
        resourceVersion: this.nextResourceVersion(),
        deletionTimestamp: apiTimestamp(),
        deletionGracePeriodSeconds: 0,
      },
    };
    this.emit('DELETED', deleted);
    this.launched.delete(entry);
    await entry.remove?.();
    return deleted;
  }

  /** Undoes the launches of pods created through the API that are still there (the server is stopping). */
  async removeLaunchedPods(): Promise<void> {
    const entries = [...this.launched];
    this.launched.clear();
    await Promise.all(entries.map((entry) => entry.remove?.()));
  }
}
