/**
 * Clusters made by kubeadm (and minikube, which runs kubeadm): etcd and kube-apiserver as static pods in
 * kube-system with the flags, probes and hostPath volumes kubeadm writes into /etc/kubernetes/manifests.
 */
import type { Pod } from '../model.js';
import { hostPathVolume, podObject } from '../objects.js';
import type { ImageName } from '../rootfs.js';
import {
  controlPlaneNodes,
  etcdFlags,
  httpsUrl,
  kubeadmPkiFiles,
  numberedNames,
  type ControlPlaneMember,
  type PodPlan,
  type Profile,
  type ProfileContext,
} from './common.js';

interface KubeadmFlavor {
  kubernetesVersion: string;
  etcdImage: string;
  etcdImageKind: ImageName;
  apiserverImageKind: ImageName;
  /** Node path of kubeadm's certificate folder. */
  pkiDir: string;
  dataDir: string;
  /** etcd 3.6 images answer /livez and /readyz; older ones /health. */
  healthEndpoints: 'livez' | 'health';
  extraEtcdFlags: string[];
  nodeNames(count: number): string[];
  nodeLabels(index: number): Record<string, string>;
  containerRuntime: { version: string; socket: string };
  osImage: string;
}

function etcdCommand(flavor: KubeadmFlavor, member: ControlPlaneMember, members: readonly ControlPlaneMember[]): string[] {
  const certs = `${flavor.pkiDir}/etcd`;
  const tls = {
    cert: `${certs}/server.crt`,
    key: `${certs}/server.key`,
    trustedCa: `${certs}/ca.crt`,
    peerCert: `${certs}/peer.crt`,
    peerKey: `${certs}/peer.key`,
    peerTrustedCa: `${certs}/ca.crt`,
  };
  return ['etcd', ...etcdFlags(member, members, tls, flavor.dataDir, flavor.extraEtcdFlags)];
}

function probe(path: string, port: number, failureThreshold: number, extra: Record<string, number> = {}) {
  return {
    failureThreshold,
    httpGet: { host: '127.0.0.1', path, port, scheme: 'HTTP' },
    initialDelaySeconds: 10,
    periodSeconds: 10,
    successThreshold: 1,
    timeoutSeconds: 15,
    ...extra,
  };
}

function etcdProbes(flavor: KubeadmFlavor, metricsPort: number): Record<string, unknown> {
  if (flavor.healthEndpoints === 'livez') {
    return {
      livenessProbe: probe('/livez', metricsPort, 8),
      readinessProbe: probe('/readyz', metricsPort, 3, { periodSeconds: 1 }),
      startupProbe: probe('/readyz', metricsPort, 24),
    };
  }
  return {
    livenessProbe: probe('/health?exclude=NOSPACE&serializable=true', metricsPort, 8),
    startupProbe: probe('/health?serializable=false', metricsPort, 24),
  };
}

const CONTROL_PLANE_LABELS = (component: string) => ({ component, tier: 'control-plane' });

function etcdPod(flavor: KubeadmFlavor, context: ProfileContext, member: ControlPlaneMember): PodPlan {
  const command = etcdCommand(flavor, member, context.members);
  const object: Pod = podObject({
    name: `etcd-${member.node.name}`,
    namespace: 'kube-system',
    node: member.node,
    createdAt: context.createdAt,
    labels: CONTROL_PLANE_LABELS('etcd'),
    annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': httpsUrl(member.node.ip, member.ports.client) },
    mirror: true,
    statusVolumeMounts: flavor.healthEndpoints === 'livez',
    qosClass: 'Burstable',
    spec: {
      containers: [
        {
          name: 'etcd',
          image: flavor.etcdImage,
          command,
          ...etcdProbes(flavor, member.ports.metrics),
          resources: { requests: { cpu: '100m', memory: '100Mi' } },
          volumeMounts: [
            { mountPath: flavor.dataDir, name: 'etcd-data' },
            { mountPath: `${flavor.pkiDir}/etcd`, name: 'etcd-certs' },
          ],
        },
      ],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
      volumes: [
        hostPathVolume('etcd-certs', `${flavor.pkiDir}/etcd`, 'DirectoryOrCreate'),
        hostPathVolume('etcd-data', flavor.dataDir, 'DirectoryOrCreate'),
      ],
    },
  });
  return { object, images: { etcd: flavor.etcdImageKind }, node: member.node.name, etcd: { container: 'etcd', command } };
}

function apiserverPod(flavor: KubeadmFlavor, context: ProfileContext, member: ControlPlaneMember): PodPlan {
  const pki = flavor.pkiDir;
  const ip = member.node.ip;
  const caVolumes: [string, string][] = [
    ['ca-certs', '/etc/ssl/certs'],
    ['etc-ca-certificates', '/etc/ca-certificates'],
    ['k8s-certs', pki],
    ['usr-local-share-ca-certificates', '/usr/local/share/ca-certificates'],
    ['usr-share-ca-certificates', '/usr/share/ca-certificates'],
  ];
  const object = podObject({
    name: `kube-apiserver-${member.node.name}`,
    namespace: 'kube-system',
    node: member.node,
    createdAt: context.createdAt,
    labels: CONTROL_PLANE_LABELS('kube-apiserver'),
    annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
    mirror: true,
    statusVolumeMounts: flavor.healthEndpoints === 'livez',
    qosClass: 'Burstable',
    spec: {
      containers: [
        {
          name: 'kube-apiserver',
          image: `registry.k8s.io/kube-apiserver:${flavor.kubernetesVersion}`,
          command: [
            'kube-apiserver',
            `--advertise-address=${ip}`,
            '--allow-privileged=true',
            '--authorization-mode=Node,RBAC',
            `--client-ca-file=${pki}/ca.crt`,
            '--enable-admission-plugins=NodeRestriction',
            '--enable-bootstrap-token-auth=true',
            `--etcd-cafile=${pki}/etcd/ca.crt`,
            `--etcd-certfile=${pki}/apiserver-etcd-client.crt`,
            `--etcd-keyfile=${pki}/apiserver-etcd-client.key`,
            // Stacked control plane: each API server talks to the etcd member on its own node.
            `--etcd-servers=${httpsUrl('127.0.0.1', member.ports.client)}`,
            `--kubelet-client-certificate=${pki}/apiserver-kubelet-client.crt`,
            `--kubelet-client-key=${pki}/apiserver-kubelet-client.key`,
            '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
            `--proxy-client-cert-file=${pki}/front-proxy-client.crt`,
            `--proxy-client-key-file=${pki}/front-proxy-client.key`,
            '--requestheader-allowed-names=front-proxy-client',
            `--requestheader-client-ca-file=${pki}/front-proxy-ca.crt`,
            '--requestheader-extra-headers-prefix=X-Remote-Extra-',
            '--requestheader-group-headers=X-Remote-Group',
            '--requestheader-username-headers=X-Remote-User',
            '--secure-port=6443',
            '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
            `--service-account-key-file=${pki}/sa.pub`,
            `--service-account-signing-key-file=${pki}/sa.key`,
            '--service-cluster-ip-range=10.96.0.0/12',
            `--tls-cert-file=${pki}/apiserver.crt`,
            `--tls-private-key-file=${pki}/apiserver.key`,
          ],
          livenessProbe: { ...probe('/livez', 6443, 8), httpGet: { host: ip, path: '/livez', port: 6443, scheme: 'HTTPS' } },
          readinessProbe: { ...probe('/readyz', 6443, 3, { periodSeconds: 1 }), httpGet: { host: ip, path: '/readyz', port: 6443, scheme: 'HTTPS' } },
          resources: { requests: { cpu: '250m' } },
          volumeMounts: caVolumes.map(([name, path]) => ({ mountPath: path, name, readOnly: true })),
        },
      ],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
      volumes: caVolumes.map(([name, path]) => hostPathVolume(name, path, 'DirectoryOrCreate')),
    },
  });
  return { object, images: { 'kube-apiserver': flavor.apiserverImageKind }, node: member.node.name };
}

function kubeadmProfile(flavor: KubeadmFlavor): Profile {
  return {
    etcdPrefix: '/registry',
    kubernetesVersion: flavor.kubernetesVersion,
    nodeNames: flavor.nodeNames,
    etcdName: (nodeName) => nodeName,
    nodeFiles: () => kubeadmPkiFiles(flavor.pkiDir),
    nodes: (context) =>
      controlPlaneNodes(context, (_member, index) => ({
        labels: flavor.nodeLabels(index),
        annotations: { 'kubeadm.alpha.kubernetes.io/cri-socket': flavor.containerRuntime.socket },
        kubeletVersion: flavor.kubernetesVersion,
        containerRuntimeVersion: flavor.containerRuntime.version,
        osImage: flavor.osImage,
        taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }],
        podCIDR: `10.244.${index}.0/24`,
      })),
    pods: (context) => context.members.flatMap((member) => [etcdPod(flavor, context, member), apiserverPod(flavor, context, member)]),
  };
}

const KUBEADM_NODE_LABELS = () => ({
  'node-role.kubernetes.io/control-plane': '',
  'node.kubernetes.io/exclude-from-external-load-balancers': '',
});

const KUBEADM_DEFAULTS: Omit<KubeadmFlavor, 'kubernetesVersion' | 'etcdImage' | 'etcdImageKind' | 'healthEndpoints'> = {
  pkiDir: '/etc/kubernetes/pki',
  dataDir: '/var/lib/etcd',
  extraEtcdFlags: [],
  nodeNames: (count: number) => numberedNames('control-plane-', count),
  nodeLabels: KUBEADM_NODE_LABELS,
  containerRuntime: { version: 'containerd://1.7.24', socket: 'unix:///var/run/containerd/containerd.sock' },
  osImage: 'Debian GNU/Linux 12 (bookworm)',
  apiserverImageKind: 'distroless',
};

/** kubeadm 1.34: etcd 3.6 image, no shell at all. */
export const kubeadm: Profile = kubeadmProfile({
  ...KUBEADM_DEFAULTS,
  kubernetesVersion: 'v1.34.2',
  etcdImage: 'registry.k8s.io/etcd:3.6.5-0',
  etcdImageKind: 'etcd-distroless',
  healthEndpoints: 'livez',
});

/** kubeadm 1.31: etcd 3.5 image, /bin/sh present but no tar or cat. */
export const kubeadm35: Profile = kubeadmProfile({
  ...KUBEADM_DEFAULTS,
  kubernetesVersion: 'v1.31.4',
  etcdImage: 'registry.k8s.io/etcd:3.5.15-0',
  etcdImageKind: 'etcd-distroless-sh',
  healthEndpoints: 'health',
});

/** minikube (Kubernetes 1.20 era): busybox-based etcd 3.4 image, certificates under /var/lib/minikube/certs. */
export const minikube: Profile = kubeadmProfile({
  kubernetesVersion: 'v1.20.2',
  etcdImage: 'k8s.gcr.io/etcd:3.4.13-0',
  etcdImageKind: 'etcd-busybox',
  apiserverImageKind: 'distroless-tar',
  pkiDir: '/var/lib/minikube/certs',
  dataDir: '/var/lib/minikube/etcd',
  healthEndpoints: 'health',
  extraEtcdFlags: ['--proxy-refresh-interval=70000'],
  nodeNames: (count) => ['minikube', ...numberedNames('minikube-m0', count - 1, 2)],
  nodeLabels: (index) => ({
    'minikube.k8s.io/commit': '9f1e482427589ff8451c4723b6ba53bb9742fbb1',
    'minikube.k8s.io/name': 'minikube',
    'minikube.k8s.io/primary': String(index === 0),
    'minikube.k8s.io/updated_at': '2021_01_29T10_14_52_0700',
    'minikube.k8s.io/version': 'v1.17.1',
    'node-role.kubernetes.io/control-plane': '',
    'node-role.kubernetes.io/master': '',
  }),
  containerRuntime: { version: 'docker://20.10.2', socket: '/var/run/dockershim.sock' },
  osImage: 'Ubuntu 20.04.1 LTS',
});
