/**
 * When a cluster runs no etcd pod: what kind of cluster it is, from the API server pod's --etcd-servers and what
 * the nodes say about themselves, and what the user can do instead.
 */
import { ExitCode } from '../cli/exit-codes.js';
import { ClusterError } from './errors.js';

export interface NodeJson {
  readonly metadata: { readonly name: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly status?: { readonly nodeInfo?: { readonly kubeletVersion?: string; readonly osImage?: string } };
}

export interface ClusterFacts {
  /** --etcd-servers of a kube-apiserver pod, when there is one. */
  readonly etcdServers: string | undefined;
  readonly nodes: readonly NodeJson[];
}

interface Explanation {
  readonly message: string;
  readonly hint: string;
}

const K3S_TLS = '/var/lib/rancher/k3s/server/tls/etcd';

function someNode(nodes: readonly NodeJson[], test: (node: NodeJson, labels: Record<string, string>, version: string) => boolean): boolean {
  return nodes.some((node) => test(node, { ...node.metadata.labels, ...node.metadata.annotations }, node.status?.nodeInfo?.kubeletVersion ?? ''));
}

function hasKey(labels: Record<string, string>, prefix: string): boolean {
  return Object.keys(labels).some((key) => key.startsWith(prefix));
}

function managed(provider: string, how: string): Explanation {
  return {
    message: `this is ${provider}: the provider runs etcd for you and it cannot be reached through the Kubernetes API`,
    hint: how,
  };
}

function fromEtcdServers(servers: string): Explanation {
  if (/^unix:|kine/.test(servers)) {
    return {
      message: `the API server stores its data through kine (--etcd-servers=${servers}), in a SQL database, not in etcd`,
      hint: 'there is no etcd to read; query the database kine uses on the control-plane node',
    };
  }
  const hosts = servers.split(',').map((url) => {
    try {
      return new URL(url).hostname;
    } catch {
      return url;
    }
  });
  if (hosts.every((host) => /^(127\.|localhost$|\[::1\]$)/.test(host))) {
    return {
      message: `etcd runs on the control-plane node outside any pod (the API server uses --etcd-servers=${servers}), e.g. as a system service`,
      hint: 'run etcdctl on that node, or point kubectl etcd to a pod that can reach it with --etcd-namespace and --pod',
    };
  }
  return {
    message: `the API server uses an external etcd (--etcd-servers=${servers}), which does not run as a pod in this cluster`,
    hint: 'run etcdctl from a machine that reaches those addresses, with the client certificate named by the API server\'s --etcd-certfile/--etcd-keyfile; if an etcd pod does exist elsewhere, name it with --etcd-namespace and --pod',
  };
}

/** Why there is no etcd pod to use, as precisely as the facts allow. */
export function explainMissingEtcd(facts: ClusterFacts): Explanation {
  if (facts.etcdServers) return fromEtcdServers(facts.etcdServers);
  const nodes = facts.nodes;
  if (someNode(nodes, (_n, labels, version) => version.includes('+k3s') || hasKey(labels, 'k3s.io/'))) {
    const embedded = someNode(nodes, (_n, labels) => (labels['k3s.io/node-args'] ?? '').includes('--cluster-init') || hasKey(labels, 'etcd.k3s.cattle.io/'));
    return {
      message: embedded
        ? 'this is k3s with embedded etcd: etcd runs inside the k3s server process, not in a pod, so it cannot be reached through the Kubernetes API'
        : 'this is k3s: it keeps its data in SQLite through kine unless started with --cluster-init, and the data store runs inside the k3s server process, not in a pod',
      hint: embedded
        ? `on a server node run etcdctl --endpoints=https://127.0.0.1:2379 --cacert=${K3S_TLS}/server-ca.crt --cert=${K3S_TLS}/client.crt --key=${K3S_TLS}/client.key, or \`k3s etcd-snapshot save\` and read the snapshot`
        : 'log in to the server node; with SQLite the data is in /var/lib/rancher/k3s/server/db/state.db',
    };
  }
  if (someNode(nodes, (_n, labels, version) => version.includes('-eks-') || hasKey(labels, 'eks.amazonaws.com/'))) {
    return managed('Amazon EKS', 'read objects through the API with kubectl get; AWS does not expose etcd');
  }
  if (someNode(nodes, (_n, labels, version) => version.includes('-gke.') || hasKey(labels, 'cloud.google.com/gke-'))) {
    return managed('Google GKE', 'read objects through the API with kubectl get; Google does not expose etcd');
  }
  if (someNode(nodes, (_n, labels) => hasKey(labels, 'kubernetes.azure.com/'))) {
    return managed('Azure AKS', 'read objects through the API with kubectl get; Azure does not expose etcd');
  }
  if (someNode(nodes, (_n, labels) => hasKey(labels, 'microk8s.io/'))) {
    return {
      message: 'this is MicroK8s: it stores its data in dqlite, not etcd',
      hint: 'there is no etcd to read; dqlite runs on the nodes (microk8s dbctl)',
    };
  }
  if (someNode(nodes, (node) => (node.status?.nodeInfo?.osImage ?? '').startsWith('Talos'))) {
    return {
      message: 'this is Talos Linux: etcd runs as a Talos system service, not as a pod',
      hint: 'use talosctl: `talosctl -n <control-plane> etcd members`, `talosctl -n <control-plane> etcd snapshot db.snapshot`',
    };
  }
  return {
    message: 'this cluster runs no etcd pod and no kube-apiserver pod: its control plane is managed outside the cluster (a hosted service) or runs on the hosts directly',
    hint: 'if etcd does run as a pod, name it with --etcd-namespace and --pod; otherwise run etcdctl where etcd runs',
  };
}

export function missingEtcdError(facts: ClusterFacts, looked: string): ClusterError {
  const { message, hint } = explainMissingEtcd(facts);
  return new ClusterError(`no etcd pod found (${looked}): ${message}`, ExitCode.unreachable, hint);
}
