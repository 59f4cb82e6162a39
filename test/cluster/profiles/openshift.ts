/**
 * OpenShift 4: etcd pods in openshift-etcd (app=etcd), the first container `etcdctl` a bash shell whose
 * ETCDCTL_* environment points at the node's certificates, keys under /kubernetes.io. Certificates live on the
 * node under /etc/kubernetes/static-pod-resources/etcd-certs, mounted at /etc/kubernetes/static-pod-certs.
 */
import { createHash } from 'node:crypto';
import { hostPathVolume, podObject } from '../objects.js';
import {
  controlPlaneNodes,
  envList,
  httpsUrl,
  initialCluster,
  numberedNames,
  type ControlPlaneMember,
  type NodeFile,
  type PodPlan,
  type Profile,
  type ProfileContext,
} from './common.js';

const VERSION = 'v1.31.6';
const REVISION = '7';
const CERTS_ON_NODE = '/etc/kubernetes/static-pod-resources/etcd-certs';
const CERTS = '/etc/kubernetes/static-pod-certs';
const DATA_DIR = '/var/lib/etcd';
const digest = (what: string) => createHash('sha256').update(what).digest('hex');
const ETCD_IMAGE = `quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:${digest('etcd')}`;
const OPERATOR_IMAGE = `quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:${digest('cluster-etcd-operator')}`;

const envSafe = (nodeName: string) => nodeName.replace(/[-.]/g, '_');

const certFile = (kind: 'peer' | 'serving' | 'serving-metrics', node: string, extension: 'crt' | 'key') =>
  `${CERTS}/secrets/etcd-all-certs/etcd-${kind}-${node}.${extension}`;
const SERVER_CA_BUNDLE = `${CERTS}/configmaps/etcd-all-bundles/server-ca-bundle.crt`;

function nodeFiles(member: ControlPlaneMember): NodeFile[] {
  const onNode = (path: string) => path.replace(CERTS, CERTS_ON_NODE);
  const node = member.node.name;
  return [
    { path: onNode(`${CERTS}/configmaps/etcd-serving-ca/ca-bundle.crt`), certificate: 'etcd/ca.crt' },
    { path: onNode(SERVER_CA_BUNDLE), certificate: 'etcd/ca.crt' },
    { path: onNode(`${CERTS}/configmaps/etcd-all-bundles/metrics-ca-bundle.crt`), certificate: 'etcd/ca.crt' },
    { path: onNode(certFile('peer', node, 'crt')), certificate: 'etcd/peer.crt' },
    { path: onNode(certFile('peer', node, 'key')), certificate: 'etcd/peer.key' },
    { path: onNode(certFile('serving', node, 'crt')), certificate: 'etcd/server.crt' },
    { path: onNode(certFile('serving', node, 'key')), certificate: 'etcd/server.key' },
    { path: onNode(certFile('serving-metrics', node, 'crt')), certificate: 'etcd/server.crt' },
    { path: onNode(certFile('serving-metrics', node, 'key')), certificate: 'etcd/server.key' },
  ];
}

/** The operator's fixed etcd settings (pkg/etcdenvvar FixedEtcdEnvVars plus the hardware-speed defaults). */
const ETCD_SETTINGS = {
  ETCD_DATA_DIR: DATA_DIR,
  ETCD_ELECTION_TIMEOUT: '1000',
  ETCD_ENABLE_PPROF: 'true',
  ETCD_EXPERIMENTAL_WATCH_PROGRESS_NOTIFY_INTERVAL: '5s',
  ETCD_HEARTBEAT_INTERVAL: '100',
  ETCD_QUOTA_BACKEND_BYTES: '8589934592',
};

/** The environment the operator renders into every container of the pod. */
function operatorEnv(member: ControlPlaneMember, context: ProfileContext): Record<string, string> {
  const allEndpoints = context.members.map((m) => httpsUrl(m.node.ip, m.ports.client)).sort().join(',');
  const perNode = context.members.flatMap((m) => [
    [`NODE_${envSafe(m.node.name)}_ETCD_NAME`, m.etcdName],
    [`NODE_${envSafe(m.node.name)}_ETCD_URL_HOST`, m.node.ip],
    [`NODE_${envSafe(m.node.name)}_IP`, m.node.ip],
  ]);
  return {
    ALL_ETCD_ENDPOINTS: allEndpoints,
    ETCDCTL_API: '3',
    ETCDCTL_CACERT: `${CERTS}/configmaps/etcd-serving-ca/ca-bundle.crt`,
    ETCDCTL_CERT: certFile('peer', member.node.name, 'crt'),
    ETCDCTL_ENDPOINTS: allEndpoints,
    ETCDCTL_KEY: certFile('peer', member.node.name, 'key'),
    ...ETCD_SETTINGS,
    ETCD_CIPHER_SUITES: 'TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
    ETCD_EXPERIMENTAL_MAX_LEARNERS: String(context.members.length),
    ETCD_EXPERIMENTAL_WARNING_APPLY_DURATION: '200ms',
    ETCD_IMAGE,
    ETCD_INITIAL_CLUSTER_STATE: 'existing',
    ETCD_SOCKET_REUSE_ADDRESS: 'true',
    ETCD_TLS_MIN_VERSION: 'VersionTLS12',
    ...Object.fromEntries(perNode),
    ETCD_STATIC_POD_VERSION: REVISION,
  };
}

/** What the etcd container's shell script finally execs, with the member's real ports. */
function etcdProcess(member: ControlPlaneMember, context: ProfileContext): { command: string[]; env: Record<string, string> } {
  const node = member.node.name;
  const { client, peer, metrics } = member.ports;
  const command = [
    'etcd',
    '--logger=zap',
    '--log-level=info',
    '--experimental-initial-corrupt-check=true',
    '--snapshot-count=10000',
    `--initial-advertise-peer-urls=${httpsUrl(member.node.ip, peer)}`,
    `--cert-file=${certFile('serving', node, 'crt')}`,
    `--key-file=${certFile('serving', node, 'key')}`,
    `--trusted-ca-file=${SERVER_CA_BUNDLE}`,
    '--client-cert-auth=true',
    `--peer-cert-file=${certFile('peer', node, 'crt')}`,
    `--peer-key-file=${certFile('peer', node, 'key')}`,
    `--peer-trusted-ca-file=${SERVER_CA_BUNDLE}`,
    '--peer-client-cert-auth=true',
    `--advertise-client-urls=${httpsUrl(member.node.ip, client)}`,
    `--listen-client-urls=${httpsUrl('127.0.0.1', client)}`,
    `--listen-peer-urls=${httpsUrl('127.0.0.1', peer)}`,
    '--metrics=extensive',
    `--listen-metrics-urls=${httpsUrl('127.0.0.1', metrics)}`,
  ];
  // The script exports ETCD_NAME and ETCD_INITIAL_CLUSTER before exec; a fresh cluster starts as "new".
  const env = { ...ETCD_SETTINGS, ETCD_NAME: member.etcdName, ETCD_INITIAL_CLUSTER: initialCluster(context.members), ETCD_INITIAL_CLUSTER_STATE: 'new' };
  return { command, env };
}

const shell = (script: string) => ['/bin/sh', '-c', script];

function etcdPod(member: ControlPlaneMember, context: ProfileContext): PodPlan {
  const env = envList(operatorEnv(member, context));
  const process = etcdProcess(member, context);
  const certMount = { mountPath: CERTS, name: 'cert-dir' };
  const dataMount = { mountPath: `${DATA_DIR}/`, name: 'data-dir' };
  const resourceMount = { mountPath: '/etc/kubernetes/static-pod-resources', name: 'resource-dir' };
  const container = (name: string, command: string[], mounts: object[], image = ETCD_IMAGE) => ({
    name,
    image,
    command,
    env,
    securityContext: { privileged: true },
    terminationMessagePolicy: 'FallbackToLogsOnError',
    volumeMounts: mounts,
  });
  const object = podObject({
    name: `etcd-${member.node.name}`,
    namespace: 'openshift-etcd',
    node: member.node,
    createdAt: context.createdAt,
    labels: { app: 'etcd', etcd: 'true', 'k8s-app': 'etcd', revision: REVISION },
    annotations: {
      'kubectl.kubernetes.io/default-container': 'etcd',
      'target.workload.openshift.io/management': '{"effect": "PreferredDuringScheduling"}',
    },
    mirror: true,
    statusVolumeMounts: true,
    qosClass: 'Burstable',
    spec: {
      initContainers: [
        container('setup', shell('#!/bin/sh\necho -n "Fixing etcd log permissions."\nmkdir -p /var/log/etcd  && chmod 0600 /var/log/etcd\n'), [{ mountPath: '/var/log/etcd', name: 'log-dir' }]),
        container('etcd-ensure-env-vars', shell('#!/bin/sh\nset -euo pipefail\n: "${NODE_NODE_ENVVAR_NAME_ETCD_URL_HOST?not set}"\n'), []),
        container('etcd-resources-copy', shell('#!/bin/sh\nset -euo pipefail\ncp -p /etc/kubernetes/static-pod-certs/configmaps/etcd-scripts/*.sh /usr/local/bin\n'), [resourceMount, certMount]),
      ],
      containers: [
        container('etcdctl', ['/bin/bash', '-c', 'trap TERM INT; sleep infinity & wait'], [{ mountPath: '/etc/kubernetes/manifests', name: 'static-pod-dir' }, resourceMount, certMount, dataMount]),
        container('etcd', shell(`#!/bin/sh\nset -euo pipefail\n\nexport ETCD_NAME=\${NODE_${envSafe(member.node.name)}_ETCD_NAME}\nexec nice -n -19 ionice -c2 -n0 ${process.command.join(' \\\n  ')}\n`), [resourceMount, certMount, dataMount]),
        container('etcd-metrics', shell(`#!/bin/sh\nset -euo pipefail\n\nexec nice -n -18 etcd grpc-proxy start --endpoints ${httpsUrl(member.node.ip, member.ports.metrics)}\n`), [resourceMount, certMount, dataMount]),
        container('etcd-readyz', shell('#!/bin/sh\nset -euo pipefail\n\nexec nice -n -18 cluster-etcd-operator readyz --target=https://localhost:2379 --listen-port=9980\n'), [certMount], OPERATOR_IMAGE),
        container('etcd-rev', shell('#!/bin/sh\nset -euo pipefail\n\ncluster-etcd-operator rev --endpoints=$(ALL_ETCD_ENDPOINTS)\n'), [dataMount, certMount], OPERATOR_IMAGE),
      ],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      tolerations: [{ operator: 'Exists' }],
      volumes: [
        hostPathVolume('static-pod-dir', '/etc/kubernetes/manifests', ''),
        hostPathVolume('resource-dir', `/etc/kubernetes/static-pod-resources/etcd-pod-${REVISION}`, ''),
        hostPathVolume('cert-dir', CERTS_ON_NODE, ''),
        hostPathVolume('data-dir', DATA_DIR, ''),
        hostPathVolume('usr-local-bin', '/usr/local/bin', ''),
        hostPathVolume('log-dir', '/var/log/etcd', ''),
        hostPathVolume('config-dir', '/etc/kubernetes', ''),
        hostPathVolume('etcd-auto-backup-dir', '/var/lib/etcd-auto-backup', ''),
      ],
    },
  });
  return {
    object,
    images: { etcdctl: 'openshift-etcd', etcd: 'openshift-etcd', 'etcd-metrics': 'openshift-etcd', 'etcd-readyz': 'openshift-etcd', 'etcd-rev': 'openshift-etcd' },
    node: member.node.name,
    etcd: { container: 'etcd', command: process.command, env: process.env },
  };
}

export const openshift: Profile = {
  etcdPrefix: '/kubernetes.io',
  kubernetesVersion: VERSION,
  nodeNames: (count) => numberedNames('master-', count, 0),
  etcdName: (nodeName) => nodeName,
  nodeFiles: (_context, member) => nodeFiles(member),
  nodes: (context) =>
    controlPlaneNodes(context, (member, index) => ({
      labels: {
        'node-role.kubernetes.io/control-plane': '',
        'node-role.kubernetes.io/master': '',
        'node.openshift.io/os_id': 'rhcos',
      },
      annotations: {
        'machineconfiguration.openshift.io/currentConfig': `rendered-master-${digest(member.node.name).slice(0, 32)}`,
        'machineconfiguration.openshift.io/state': 'Done',
      },
      kubeletVersion: VERSION,
      containerRuntimeVersion: 'cri-o://1.31.5-4.rhaos4.18.gitdad78d5.el9',
      osImage: 'Red Hat Enterprise Linux CoreOS 418.94.202502100215-0',
      taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/master' }],
      podCIDR: `10.128.${index * 2}.0/23`,
    })),
  pods: (context) => context.members.map((member) => etcdPod(member, context)),
};
