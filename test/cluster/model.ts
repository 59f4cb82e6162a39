/**
 * What the stand-in Kubernetes API server serves and executes: the meeting point of the cluster runtime (which fills
 * a ClusterState) and the API server (which serves it and runs commands in it). Objects are plain v1 JSON exactly as
 * the real API serves them; fields this model does not name pass through untouched.
 */

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

export interface Namespace {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface Node {
  apiVersion: 'v1';
  kind: 'Node';
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface ContainerSpec {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  [field: string]: unknown;
}

export interface PodSpec {
  nodeName?: string;
  containers: ContainerSpec[];
  initContainers?: ContainerSpec[];
  [field: string]: unknown;
}

/** The full v1 Pod (metadata.namespace set), as `GET /api/v1/namespaces/{ns}/pods/{name}` returns it. */
export interface Pod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: ObjectMeta & { namespace: string };
  spec: PodSpec;
  status?: { phase?: string; [field: string]: unknown };
  [field: string]: unknown;
}

/** How one container of a pod runs on this machine. */
export interface Container {
  /** Directory holding the container's root file system; commands run chrooted into it. */
  rootfs: string;
  /** The container process environment (image env, pod env, service variables, HOSTNAME), PATH included. */
  env: Record<string, string>;
  /** Working directory inside the container; `/` when absent. */
  workingDir?: string;
}

/** How a pod runs on this machine. */
export interface LaunchedPod {
  containers: Record<string, Container>;
  /** Port-forward targets: pod port -> TCP port on 127.0.0.1. Ports not listed refuse connections. */
  ports?: Record<number, number>;
  /** Undoes a launch through the API (removes root file systems); called when such a pod is deleted. */
  remove?: () => Promise<void>;
}

/** A pod as the API serves it plus how it runs. */
export interface PodEntry extends LaunchedPod {
  object: Pod;
}

/** Starts the containers of a pod created through the API (a helper pod); rejects when they cannot start. */
export type PodLauncher = (pod: Pod) => Promise<LaunchedPod>;

/** Mutable: the API server reads it on every request, and pods created or deleted through the API change it. */
export interface ClusterState {
  namespaces: Namespace[];
  nodes: Node[];
  pods: PodEntry[];
  /** Absent: pods created through the API stay Pending, as on a cluster whose kubelet never starts them. */
  launch?: PodLauncher;
}

/** A denied RBAC permission, as a Role rule would name it: `{ verb: 'create', resource: 'pods/exec' }`. */
export interface Denial {
  verb: string;
  /** `pods`, `pods/exec`, `namespaces`, ... */
  resource: string;
  /** Denied only in this namespace; everywhere when absent. */
  namespace?: string;
}

/** Faults injected on demand; mutate the object the API server was started with, effective on the next request. */
export interface Faults {
  deny: Denial[];
  /** Every request answers 500 InternalError (Status JSON) while true. */
  serverError: boolean;
  /** Exec and port-forward sockets are destroyed without a status once this many bytes were sent to the client. */
  cutStreamAfterBytes?: number;
  /** Exec and port-forward output to the client is throttled to this many bytes per second. */
  streamBytesPerSecond?: number;
}

export function noFaults(): Faults {
  return { deny: [], serverError: false };
}
