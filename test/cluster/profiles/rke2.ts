/**
 * RKE2: etcd and kube-apiserver as static pods in kube-system (component=etcd), etcd configured through a YAML
 * file in its data directory, each certificate mounted as its own hostPath file from
 * /var/lib/rancher/rke2/server/tls/etcd. The hardened-etcd image is FROM scratch: etcd and etcdctl, no shell.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { hostPathVolume, podObject } from '../objects.js';
import {
  controlPlaneNodes,
  httpsUrl,
  initialCluster,
  listenUrls,
  numberedNames,
  type ControlPlaneMember,
  type PodPlan,
  type Profile,
  type ProfileContext,
} from './common.js';
import { rancherEtcdName, rancherEtcdTls, rancherServerLabels } from './k3s.js';

const TLS_DIR = '/var/lib/rancher/rke2/server/tls/etcd';
const DATA_DIR = '/var/lib/rancher/rke2/server/db/etcd';
const CONFIG_FILE = `${DATA_DIR}/config`;
const VERSION = 'v1.33.5+rke2r1';
const { files: TLS_FILES, tls: TLS } = rancherEtcdTls(TLS_DIR);

function etcdConfig(member: ControlPlaneMember, context: ProfileContext): string {
  const { client, peer, metrics } = member.ports;
  return stringify({
    'advertise-client-urls': httpsUrl(member.node.ip, client),
    'client-transport-security': { 'cert-file': TLS.cert, 'client-cert-auth': true, 'key-file': TLS.key, 'trusted-ca-file': TLS.trustedCa },
    'data-dir': DATA_DIR,
    'election-timeout': 5000,
    'experimental-initial-corrupt-check': true,
    'experimental-watch-progress-notify-interval': 5_000_000_000,
    'heartbeat-interval': 500,
    'initial-advertise-peer-urls': httpsUrl(member.node.ip, peer),
    'initial-cluster': initialCluster(context.members),
    'initial-cluster-state': 'new',
    'listen-client-urls': listenUrls(member, client),
    'listen-metrics-urls': `http://127.0.0.1:${metrics}`,
    'listen-peer-urls': httpsUrl(member.node.ip, peer),
    'log-outputs': ['stderr'],
    logger: 'zap',
    name: member.etcdName,
    'peer-transport-security': { 'cert-file': TLS.peerCert, 'client-cert-auth': true, 'key-file': TLS.peerKey, 'trusted-ca-file': TLS.peerTrustedCa },
    'snapshot-count': 10000,
  });
}

/** hostPath volumes for single files, named file0.. as rke2 names them. */
function fileVolumes(paths: readonly string[]) {
  return {
    volumes: paths.map((path, i) => hostPathVolume(`file${i}`, path, 'File')),
    volumeMounts: paths.map((path, i) => ({ mountPath: path, name: `file${i}`, readOnly: true })),
  };
}

function etcdPod(member: ControlPlaneMember, context: ProfileContext): PodPlan {
  const config = etcdConfig(member, context);
  const files = fileVolumes([TLS.cert, TLS.key, TLS.trustedCa, TLS.peerCert, TLS.peerKey, TLS.peerTrustedCa]);
  const command = ['etcd', `--config-file=${CONFIG_FILE}`];
  const object = podObject({
    name: `etcd-${member.node.name}`,
    namespace: 'kube-system',
    node: member.node,
    createdAt: context.createdAt,
    labels: { component: 'etcd', tier: 'control-plane' },
    annotations: {
      'etcd.k3s.io/initial': JSON.stringify({
        'initial-advertise-peer-urls': httpsUrl(member.node.ip, member.ports.peer),
        'initial-cluster': initialCluster(context.members),
        'initial-cluster-state': 'new',
      }),
    },
    mirror: true,
    statusVolumeMounts: true,
    qosClass: 'Burstable',
    spec: {
      containers: [
        {
          name: 'etcd',
          image: 'index.docker.io/rancher/hardened-etcd:v3.6.7-k3s1-build20251210',
          command: ['etcd'],
          args: [`--config-file=${CONFIG_FILE}`],
          env: [
            { name: 'FILE_HASH', value: createHash('sha256').update(config).digest('hex') },
            { name: 'NO_PROXY', value: '.svc,.cluster.local,10.42.0.0/16,10.43.0.0/16' },
          ],
          livenessProbe: {
            failureThreshold: 8,
            httpGet: { host: '127.0.0.1', path: '/health?serializable=true', port: member.ports.metrics, scheme: 'HTTP' },
            initialDelaySeconds: 10,
            periodSeconds: 10,
            successThreshold: 1,
            timeoutSeconds: 15,
          },
          resources: { requests: { cpu: '200m', memory: '512Mi' } },
          securityContext: { privileged: false },
          volumeMounts: [{ mountPath: DATA_DIR, name: 'dir0' }, ...files.volumeMounts],
        },
      ],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      volumes: [hostPathVolume('dir0', DATA_DIR, 'DirectoryOrCreate'), ...files.volumes],
    },
  });
  return { object, images: { etcd: 'rke2-etcd' }, node: member.node.name, etcd: { container: 'etcd', command } };
}

function apiserverPod(member: ControlPlaneMember, context: ProfileContext): PodPlan {
  const client = `${TLS_DIR}/client`;
  const files = fileVolumes([TLS.trustedCa, `${client}.crt`, `${client}.key`]);
  const object = podObject({
    name: `kube-apiserver-${member.node.name}`,
    namespace: 'kube-system',
    node: member.node,
    createdAt: context.createdAt,
    labels: { component: 'kube-apiserver', tier: 'control-plane' },
    mirror: true,
    statusVolumeMounts: true,
    qosClass: 'Burstable',
    spec: {
      containers: [
        {
          name: 'kube-apiserver',
          image: 'index.docker.io/rancher/hardened-kubernetes:v1.33.5-rke2r1-build20250910',
          command: ['kube-apiserver'],
          args: [
            '--allow-privileged=true',
            '--authorization-mode=Node,RBAC',
            '--bind-address=0.0.0.0',
            '--enable-admission-plugins=NodeRestriction',
            `--etcd-cafile=${TLS.trustedCa}`,
            `--etcd-certfile=${client}.crt`,
            `--etcd-keyfile=${client}.key`,
            `--etcd-servers=${httpsUrl('127.0.0.1', member.ports.client)}`,
            '--secure-port=6443',
            '--service-cluster-ip-range=10.43.0.0/16',
          ],
          resources: { requests: { cpu: '250m', memory: '1024Mi' } },
          volumeMounts: files.volumeMounts,
        },
      ],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      volumes: files.volumes,
    },
  });
  return { object, images: { 'kube-apiserver': 'distroless' }, node: member.node.name };
}

export const rke2: Profile = {
  etcdPrefix: '/registry',
  kubernetesVersion: VERSION,
  nodeNames: (count) => numberedNames('rke2-server-', count),
  etcdName: rancherEtcdName,
  nodeFiles: (context, member) => [...TLS_FILES, { path: CONFIG_FILE, content: etcdConfig(member, context) }],
  nodes: (context) =>
    controlPlaneNodes(context, (member, index) => ({
      labels: rancherServerLabels('rke2'),
      annotations: {
        'etcd.rke2.cattle.io/node-address': member.node.ip,
        'etcd.rke2.cattle.io/node-name': member.etcdName,
        'rke2.io/hostname': member.node.name,
        'rke2.io/internal-ip': member.node.ip,
        'rke2.io/node-args': '["server"]',
        'rke2.io/node-env': '{}',
      },
      kubeletVersion: VERSION,
      containerRuntimeVersion: 'containerd://2.1.4-k3s1',
      osImage: 'Ubuntu 24.04.3 LTS',
      taints: [],
      podCIDR: `10.42.${index}.0/24`,
    })),
  pods: (context) => context.members.flatMap((member) => [etcdPod(member, context), apiserverPod(member, context)]),
};
