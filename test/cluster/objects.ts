/**
 * Builders for Node and Pod objects shaped as a real API server serves them: defaults filled in, mirror-pod
 * metadata for static pods, Running/Ready status with container statuses.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ContainerSpec, Node, ObjectMeta, Pod, PodSpec } from './model.js';

/** Where a node sits: the identity its objects share. */
export interface NodeIdentity {
  name: string;
  ip: string;
  uid: string;
}

export function nodeIdentity(name: string, ip: string): NodeIdentity {
  return { name, ip, uid: randomUUID() };
}

let lastResourceVersion = 180;
function nextResourceVersion(): string {
  lastResourceVersion += 1 + Math.floor(Math.random() * 40);
  return String(lastResourceVersion);
}

/** RFC 3339 seconds, as metav1.Time serializes. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** `registry/repo:tag` -> `registry/repo@sha256:<digest>`, the digest fixed per image name. */
function imageId(image: string): string {
  const repository = image.includes('@') ? image.slice(0, image.indexOf('@')) : image.replace(/:[^:/]+$/, '');
  return `${repository}@sha256:${createHash('sha256').update(image).digest('hex')}`;
}

export interface NodeOptions {
  identity: NodeIdentity;
  createdAt: Date;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  kubeletVersion: string;
  containerRuntimeVersion: string;
  osImage: string;
  taints: Record<string, unknown>[];
  podCIDR: string;
}

export function nodeObject(options: NodeOptions): Node {
  const { identity } = options;
  const since = timestamp(options.createdAt);
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type, status, lastHeartbeatTime: timestamp(new Date()), lastTransitionTime: since, reason, message,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: identity.name,
      uid: identity.uid,
      resourceVersion: nextResourceVersion(),
      creationTimestamp: since,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': identity.name,
        'kubernetes.io/os': 'linux',
        ...options.labels,
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        ...options.annotations,
      },
    },
    spec: {
      podCIDR: options.podCIDR,
      podCIDRs: [options.podCIDR],
      ...(options.taints.length > 0 ? { taints: options.taints } : {}),
    },
    status: {
      addresses: [{ type: 'InternalIP', address: identity.ip }, { type: 'Hostname', address: identity.name }],
      allocatable: { cpu: '2', 'ephemeral-storage': '253869360Ki', 'hugepages-2Mi': '0', memory: '24471464Ki', pods: '110' },
      capacity: { cpu: '2', 'ephemeral-storage': '253869360Ki', 'hugepages-2Mi': '0', memory: '24573864Ki', pods: '110' },
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: randomUUID(),
        containerRuntimeVersion: options.containerRuntimeVersion,
        kernelVersion: '6.1.0-27-amd64',
        kubeProxyVersion: options.kubeletVersion,
        kubeletVersion: options.kubeletVersion,
        machineID: hex(16),
        operatingSystem: 'linux',
        osImage: options.osImage,
        systemUUID: randomUUID(),
      },
    },
  };
}

const CONTAINER_DEFAULTS = {
  imagePullPolicy: 'IfNotPresent',
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
};

const POD_SPEC_DEFAULTS = {
  dnsPolicy: 'ClusterFirst',
  enableServiceLinks: true,
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};

interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
}

function containerStatus(container: ContainerSpec, startedAt: string, withVolumeMounts: boolean): Record<string, unknown> {
  const image = container.image ?? '';
  const mounts = (container['volumeMounts'] ?? []) as VolumeMount[];
  return {
    containerID: `containerd://${hex(32)}`,
    image,
    imageID: imageId(image),
    lastState: {},
    name: container.name,
    ready: true,
    restartCount: 0,
    started: true,
    state: { running: { startedAt } },
    ...(withVolumeMounts && mounts.length > 0
      ? { volumeMounts: mounts.map((m) => ({ ...m, ...(m.readOnly ? { recursiveReadOnly: 'Disabled' } : {}) })) }
      : {}),
  };
}

export interface PodOptions {
  name: string;
  namespace: string;
  node: NodeIdentity;
  createdAt: Date;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  /** Static pod: mirror-pod annotations and the Node as owner. Otherwise `ownerReferences` names the controller. */
  mirror?: boolean;
  ownerReferences?: Record<string, unknown>[];
  generateName?: string;
  spec: PodSpec;
  /** Pod IP when the pod is not on the host network. */
  podIP?: string;
  /** containerStatuses[].volumeMounts exist from Kubernetes 1.30 on. */
  statusVolumeMounts: boolean;
  qosClass: 'Guaranteed' | 'Burstable' | 'BestEffort';
}

/** A running, ready pod as the API serves it. */
export function podObject(options: PodOptions): Pod {
  const created = timestamp(options.createdAt);
  const started = timestamp(new Date(options.createdAt.getTime() + 2_000));
  const configHash = hex(16);
  const hostNetwork = options.spec['hostNetwork'] === true;
  const podIP = hostNetwork ? options.node.ip : (options.podIP ?? '10.244.0.2');
  const spec: PodSpec = {
    ...POD_SPEC_DEFAULTS,
    ...options.spec,
    nodeName: options.node.name,
    containers: options.spec.containers.map((c) => ({ ...CONTAINER_DEFAULTS, resources: {}, ...c })),
    ...(options.spec.initContainers
      ? { initContainers: options.spec.initContainers.map((c) => ({ ...CONTAINER_DEFAULTS, resources: {}, ...c })) }
      : {}),
  };
  const metadata: ObjectMeta & { namespace: string } = {
    ...(options.generateName ? { generateName: options.generateName } : {}),
    name: options.name,
    namespace: options.namespace,
    uid: randomUUID(),
    resourceVersion: nextResourceVersion(),
    creationTimestamp: created,
    labels: options.labels,
    annotations: {
      ...options.annotations,
      ...(options.mirror
        ? {
            'kubernetes.io/config.hash': configHash,
            'kubernetes.io/config.mirror': configHash,
            'kubernetes.io/config.seen': options.createdAt.toISOString().replace('Z', '000000Z'),
            'kubernetes.io/config.source': 'file',
          }
        : {}),
    },
    ownerReferences: options.mirror
      ? [{ apiVersion: 'v1', controller: true, kind: 'Node', name: options.node.name, uid: options.node.uid }]
      : options.ownerReferences,
  };
  const condition = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: started });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec,
    status: {
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(condition),
      containerStatuses: spec.containers.map((c) => containerStatus(c, started, options.statusVolumeMounts)),
      ...(spec.initContainers
        ? {
            initContainerStatuses: spec.initContainers.map((c) => ({
              ...containerStatus(c, started, options.statusVolumeMounts),
              ready: true,
              started: false,
              state: { terminated: { containerID: `containerd://${hex(32)}`, exitCode: 0, reason: 'Completed', startedAt: created, finishedAt: started } },
            })),
          }
        : {}),
      hostIP: options.node.ip,
      hostIPs: [{ ip: options.node.ip }],
      phase: 'Running',
      podIP,
      podIPs: [{ ip: podIP }],
      qosClass: options.qosClass,
      startTime: created,
    },
  };
}

/** A hostPath volume as the API server defaults it. */
export function hostPathVolume(name: string, path: string, type: string): Record<string, unknown> {
  return { name, hostPath: { path, type } };
}
