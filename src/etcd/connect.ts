/**
 * Reaching etcd through the Kubernetes API: find the etcd pod, work out the client certificates it can use, and
 * run etcdctl in it over the exec API (argv only, no shell anywhere). Commands are written against EtcdConnection.
 */

export interface ConnectOptions {
  /** --kubeconfig; otherwise KUBECONFIG, ~/.kube/config, in-cluster, as kubectl resolves them. */
  kubeconfig?: string;
  /** --context */
  context?: string;
  /** --etcd-namespace: look for etcd pods only here. */
  etcdNamespace?: string;
  /** --pod: use this etcd pod (in --etcd-namespace, or where etcd pods are found). */
  pod?: string;
  /** --container: run etcdctl in this container. */
  container?: string;
  /** --cacert, --cert, --key: paths inside the etcd container, used instead of the discovered ones. */
  cacert?: string;
  cert?: string;
  key?: string;
  /** Copy the API server's client certificate (apiserver-etcd-client) into the etcd pod and use it. */
  useApiserverCert?: boolean;
  /** --etcd-prefix: where Kubernetes keeps objects; otherwise from the API server's flags, /registry by default. */
  etcdPrefix?: string;
  /** -v: each step (pod, container, certificates, etcdctl argv) as one line, without secrets. */
  verbose?: (line: string) => void;
  /** Ctrl-C: stops remote commands and removes certificate copies. */
  signal?: AbortSignal;
}

/** One etcd member's pod. */
export interface EtcdPodRef {
  readonly namespace: string;
  readonly name: string;
  /** The container etcdctl runs in. */
  readonly container: string;
  readonly node: string | undefined;
  /** Running with the Ready condition true (pods without readiness probes count as ready when Running). */
  readonly ready: boolean;
  /** This member's client URL as the pod spec states it, e.g. https://10.0.0.1:2379. */
  readonly clientUrl: string | undefined;
}

export interface EtcdctlOptions {
  /** Fed to etcdctl's stdin, then closed (`put` reads binary values from stdin). */
  readonly stdin?: Uint8Array;
  readonly signal?: AbortSignal;
  /** Receives stdout as it arrives (for passthrough); it is still collected into the result. */
  readonly onStdout?: (chunk: Buffer) => void;
  /** Receives stderr as it arrives. */
  readonly onStderr?: (chunk: Buffer) => void;
}

export interface EtcdctlResult {
  readonly stdout: Buffer;
  readonly stderr: string;
}

export interface EtcdConnection {
  /** "etcd pod kube-system/etcd-node1 (container etcd)" */
  readonly description: string;
  /** /registry, /kubernetes.io on OpenShift, or --etcd-prefix. */
  readonly keyPrefix: string;
  /** Every etcd pod found, the one in use first. */
  readonly members: readonly EtcdPodRef[];
  /**
   * Runs etcdctl in the pod with `--endpoints` and the TLS flags added before `args` (unless `args` names
   * `--endpoints` or `--cluster` itself, or the TLS flag). Argv only, no shell; stdout binary-safe.
   * Rejects with an EtcdctlError (non-zero exit: exit code, stdout so far, stderr) or a ClusterError (pod gone,
   * RBAC, connection cut: StreamCutError). When the pod in use cannot be reached, the next member is tried.
   */
  etcdctl(args: readonly string[], options?: EtcdctlOptions): Promise<EtcdctlResult>;
  /** Removes copied certificates; idempotent; also runs on the ConnectOptions signal (Ctrl-C). */
  close(): Promise<void>;
}

/** Finds etcd in the cluster the kubeconfig names and prepares to run etcdctl there. */
export async function connectToEtcd(options: ConnectOptions): Promise<EtcdConnection> {
  // TODO(reaching etcd): kubeconfig, pod discovery, certificates, exec.
  void options;
  throw new Error('connectToEtcd: not implemented yet');
}
