/**
 * A provider-managed control plane (EKS here): the API serves only worker nodes and add-on pods; etcd runs
 * where no pod, node or exec can reach it. This runtime still runs it, on a node the API does not list.
 */
import { nodeObject, nodeIdentity } from '../objects.js';
import { addonPod, hiddenEtcd, type AddonPod } from './addons.js';
import { kubeadmPkiFiles, type Profile } from './common.js';

const VERSION = 'v1.33.5-eks-113cf36';
const ECR = '602401143452.dkr.ecr.us-west-2.amazonaws.com';
const WORKERS = [
  { name: 'ip-10-0-1-23.us-west-2.compute.internal', ip: '10.0.1.23', zone: 'us-west-2a' },
  { name: 'ip-10-0-2-47.us-west-2.compute.internal', ip: '10.0.2.47', zone: 'us-west-2b' },
];
const PKI = '/etc/kubernetes/pki';

const DEPLOYMENTS: AddonPod[] = [
  { owner: 'coredns', container: 'coredns', ownerKind: 'ReplicaSet', namespace: 'kube-system', image: `${ECR}/eks/coredns:v1.12.1-eksbuild.2`, labels: { 'k8s-app': 'kube-dns', 'eks.amazonaws.com/component': 'coredns' }, hostNetwork: false },
];
const DAEMONSETS: AddonPod[] = [
  { owner: 'aws-node', container: 'aws-node', ownerKind: 'DaemonSet', namespace: 'kube-system', image: `${ECR}/amazon-k8s-cni:v1.20.1-eksbuild.1`, labels: { 'k8s-app': 'aws-node' }, hostNetwork: true },
  { owner: 'kube-proxy', container: 'kube-proxy', ownerKind: 'DaemonSet', namespace: 'kube-system', image: `${ECR}/eks/kube-proxy:v1.33.3-minimal-eksbuild.6`, labels: { 'k8s-app': 'kube-proxy' }, hostNetwork: true },
];

const workers = WORKERS.map((w) => ({ ...w, identity: nodeIdentity(w.name, w.ip) }));

export const managed: Profile = {
  etcdPrefix: '/registry',
  kubernetesVersion: VERSION,
  nodeNames: (count) => Array.from({ length: count }, (_, i) => `provider-etcd-${i}`),
  etcdName: (nodeName) => nodeName,
  nodeFiles: () => kubeadmPkiFiles(PKI),
  nodes: (context) =>
    workers.map((worker) =>
      nodeObject({
        identity: worker.identity,
        createdAt: context.createdAt,
        labels: {
          'eks.amazonaws.com/capacityType': 'ON_DEMAND',
          'eks.amazonaws.com/nodegroup': 'default',
          'node.kubernetes.io/instance-type': 'm6i.large',
          'topology.kubernetes.io/region': 'us-west-2',
          'topology.kubernetes.io/zone': worker.zone,
        },
        annotations: { 'alpha.kubernetes.io/provided-node-ip': worker.ip },
        kubeletVersion: VERSION,
        containerRuntimeVersion: 'containerd://1.7.27',
        osImage: 'Amazon Linux 2023.8.20250818',
        taints: [],
        podCIDR: `10.0.${worker.ip.split('.')[2] ?? '0'}.0/24`,
      }),
    ),
  pods: (context) => [
    ...context.members.map((member) =>
      hiddenEtcd(member, context, {
        certDir: `${PKI}/etcd`,
        dataDir: '/var/lib/etcd',
        tls: {
          cert: `${PKI}/etcd/server.crt`,
          key: `${PKI}/etcd/server.key`,
          trustedCa: `${PKI}/etcd/ca.crt`,
          peerCert: `${PKI}/etcd/peer.crt`,
          peerKey: `${PKI}/etcd/peer.key`,
          peerTrustedCa: `${PKI}/etcd/ca.crt`,
        },
      }),
    ),
    ...workers.flatMap((worker, w) => [
      ...DEPLOYMENTS.map((addon, i) => addonPod(addon, worker.identity, context, 2 * w + i, 33)),
      ...DAEMONSETS.map((addon, i) => addonPod(addon, worker.identity, context, 10 + 2 * w + i, 33)),
    ]),
  ],
};
