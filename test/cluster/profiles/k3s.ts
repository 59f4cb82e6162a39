/**
 * k3s: no control-plane pods at all. The API server runs inside the k3s process and so does etcd (with
 * --cluster-init; SQLite through kine otherwise): reachable only from the node, certificates under
 * /var/lib/rancher/k3s/server/tls/etcd. Nodes say what they are through k3s.io annotations.
 */
import { randomBytes } from 'node:crypto';
import { addonPod, hiddenEtcd, type AddonPod } from './addons.js';
import { controlPlaneNodes, numberedNames, type NodeFile, type PodPlan, type Profile, type ProfileContext } from './common.js';

const TLS_DIR = '/var/lib/rancher/k3s/server/tls/etcd';
const DATA_DIR = '/var/lib/rancher/k3s/server/db/etcd';
const VERSION = 'v1.33.5+k3s1';

const k3sTlsFiles = (dir: string): NodeFile[] => [
  { path: `${dir}/server-ca.crt`, certificate: 'etcd/ca.crt' },
  { path: `${dir}/server-ca.key`, certificate: 'etcd/ca.key' },
  { path: `${dir}/peer-ca.crt`, certificate: 'etcd/ca.crt' },
  { path: `${dir}/peer-ca.key`, certificate: 'etcd/ca.key' },
  { path: `${dir}/server-client.crt`, certificate: 'etcd/server.crt' },
  { path: `${dir}/server-client.key`, certificate: 'etcd/server.key' },
  { path: `${dir}/peer-server-client.crt`, certificate: 'etcd/peer.crt' },
  { path: `${dir}/peer-server-client.key`, certificate: 'etcd/peer.key' },
  { path: `${dir}/client.crt`, certificate: 'apiserver-etcd-client.crt' },
  { path: `${dir}/client.key`, certificate: 'apiserver-etcd-client.key' },
];

/** rke2 and k3s share this layout of etcd certificates, under their own data directory. */
export function rancherEtcdTls(dir: string) {
  return {
    files: k3sTlsFiles(dir),
    tls: {
      cert: `${dir}/server-client.crt`,
      key: `${dir}/server-client.key`,
      trustedCa: `${dir}/server-ca.crt`,
      peerCert: `${dir}/peer-server-client.crt`,
      peerKey: `${dir}/peer-server-client.key`,
      peerTrustedCa: `${dir}/peer-ca.crt`,
    },
  };
}

/** Labels rke2 and k3s put on a server node that runs etcd. */
export function rancherServerLabels(distribution: 'k3s' | 'rke2'): Record<string, string> {
  return {
    'beta.kubernetes.io/instance-type': distribution,
    'node-role.kubernetes.io/control-plane': 'true',
    'node-role.kubernetes.io/etcd': 'true',
    'node-role.kubernetes.io/master': 'true',
    'node.kubernetes.io/instance-type': distribution,
  };
}

/** rke2/k3s name an etcd member after its node plus eight random hex digits. */
export function rancherEtcdName(nodeName: string): string {
  return `${nodeName}-${randomBytes(4).toString('hex')}`;
}

const ADDONS: AddonPod[] = [
  { owner: 'coredns', container: 'coredns', ownerKind: 'ReplicaSet', namespace: 'kube-system', image: 'rancher/mirrored-coredns-coredns:1.12.3', labels: { 'k8s-app': 'kube-dns' }, hostNetwork: false },
  { owner: 'local-path-provisioner', container: 'local-path-provisioner', ownerKind: 'ReplicaSet', namespace: 'kube-system', image: 'rancher/local-path-provisioner:v0.0.31', labels: { app: 'local-path-provisioner' }, hostNetwork: false },
  { owner: 'metrics-server', container: 'metrics-server', ownerKind: 'ReplicaSet', namespace: 'kube-system', image: 'rancher/mirrored-metrics-server:v0.8.0', labels: { 'k8s-app': 'metrics-server' }, hostNetwork: false },
];

export const k3s: Profile = {
  etcdPrefix: '/registry',
  kubernetesVersion: VERSION,
  nodeNames: (count) => numberedNames('k3s-server-', count),
  etcdName: rancherEtcdName,
  nodeFiles: () => rancherEtcdTls(TLS_DIR).files,
  nodes: (context) =>
    controlPlaneNodes(context, (member, index) => ({
      labels: rancherServerLabels('k3s'),
      annotations: {
        'alpha.kubernetes.io/provided-node-ip': member.node.ip,
        'etcd.k3s.cattle.io/node-address': member.node.ip,
        'etcd.k3s.cattle.io/node-name': member.etcdName,
        'flannel.alpha.coreos.com/backend-type': 'vxlan',
        'k3s.io/hostname': member.node.name,
        'k3s.io/internal-ip': member.node.ip,
        'k3s.io/node-args': index === 0 ? '["server","--cluster-init"]' : `["server","--server","https://${context.members[0]?.node.ip ?? ''}:6443"]`,
        'k3s.io/node-config-hash': randomBytes(32).toString('base64').replace(/[^A-Z2-7]/g, '').slice(0, 52).padEnd(52, 'A') + '====',
        'k3s.io/node-env': '{}',
      },
      kubeletVersion: VERSION,
      containerRuntimeVersion: 'containerd://2.1.4-k3s1',
      osImage: 'Ubuntu 24.04.3 LTS',
      taints: [],
      podCIDR: `10.42.${index}.0/24`,
    })),
  pods: (context: ProfileContext): PodPlan[] => {
    const first = context.members[0];
    return [
      ...context.members.map((member) => hiddenEtcd(member, context, { certDir: TLS_DIR, dataDir: DATA_DIR, tls: rancherEtcdTls(TLS_DIR).tls })),
      ...(first ? ADDONS.map((addon, i) => addonPod(addon, first.node, context, i, 33)) : []),
    ];
  },
};
