/**
 * A small, realistic cluster's worth of objects as kube-apiserver stores them (no resourceVersion; uids,
 * timestamps, owner references and labels tying them together): the `demo` seed set.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { JsonObject } from '../../src/codec/value.js';
import { timestamp } from './objects.js';

export interface DemoOptions {
  createdAt: Date;
  nodeNames: readonly string[];
}

/** Built-in objects (stored as protobuf), custom resources and CRDs (stored as JSON), and events (leased). */
export interface DemoObjects {
  objects: JsonObject[];
  events: JsonObject[];
  json: { key: string; object: JsonObject }[];
}

type Meta = Record<string, unknown>;

function meta(name: string, namespace: string | undefined, created: string, extra: Meta = {}): Meta {
  return { name, ...(namespace ? { namespace } : {}), uid: randomUUID(), creationTimestamp: created, ...extra };
}

function hash10(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10).replace(/[0-9]/g, (d) => 'bcdfghjklm'[Number(d)] ?? d);
}

function ownerRef(kind: string, apiVersion: string, owner: Meta): Meta {
  return { apiVersion, kind, name: owner['name'], uid: owner['uid'], controller: true, blockOwnerDeletion: true };
}

interface AppSpec {
  namespace: string;
  name: string;
  image: string;
  replicas: number;
  port: number;
}

function container(app: AppSpec): JsonObject {
  return {
    name: app.name,
    image: app.image,
    ports: [{ containerPort: app.port, protocol: 'TCP' }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
  };
}

const POD_SPEC_DEFAULTS = {
  restartPolicy: 'Always',
  terminationGracePeriodSeconds: 30,
  dnsPolicy: 'ClusterFirst',
  serviceAccountName: 'default',
  serviceAccount: 'default',
  securityContext: {},
  schedulerName: 'default-scheduler',
};

/** A Deployment with its ReplicaSet, pods, Service, Endpoints and EndpointSlice, as the controllers leave them. */
function application(app: AppSpec, options: DemoOptions, created: string, podIps: () => string): JsonObject[] {
  const labels = { app: app.name };
  const template = { metadata: { labels }, spec: { containers: [container(app)], ...POD_SPEC_DEFAULTS } };
  const hash = hash10(app.name);
  const deploymentMeta = meta(app.name, app.namespace, created, {
    labels,
    annotations: { 'deployment.kubernetes.io/revision': '1' },
    generation: 1,
  });
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: deploymentMeta,
    spec: {
      replicas: app.replicas,
      selector: { matchLabels: labels },
      template,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 1,
      replicas: app.replicas,
      updatedReplicas: app.replicas,
      readyReplicas: app.replicas,
      availableReplicas: app.replicas,
      conditions: [
        { type: 'Available', status: 'True', lastUpdateTime: created, lastTransitionTime: created, reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
        { type: 'Progressing', status: 'True', lastUpdateTime: created, lastTransitionTime: created, reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${app.name}-${hash}" has successfully progressed.` },
      ],
    },
  };
  const rsLabels = { ...labels, 'pod-template-hash': hash };
  const replicaSetMeta = meta(`${app.name}-${hash}`, app.namespace, created, {
    labels: rsLabels,
    annotations: { 'deployment.kubernetes.io/desired-replicas': String(app.replicas), 'deployment.kubernetes.io/max-replicas': String(app.replicas + 1), 'deployment.kubernetes.io/revision': '1' },
    ownerReferences: [ownerRef('Deployment', 'apps/v1', deploymentMeta)],
    generation: 1,
  });
  const replicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: replicaSetMeta,
    spec: { replicas: app.replicas, selector: { matchLabels: rsLabels }, template: { ...template, metadata: { labels: rsLabels } } },
    status: { replicas: app.replicas, fullyLabeledReplicas: app.replicas, readyReplicas: app.replicas, availableReplicas: app.replicas, observedGeneration: 1 },
  };
  const pods = Array.from({ length: app.replicas }, (_, i) => {
    const node = options.nodeNames[i % options.nodeNames.length] ?? 'node';
    const ip = podIps();
    const name = `${app.name}-${hash}-${randomBytes(3).toString('hex').slice(0, 5)}`;
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta(name, app.namespace, created, { generateName: `${app.name}-${hash}-`, labels: rsLabels, ownerReferences: [ownerRef('ReplicaSet', 'apps/v1', replicaSetMeta)] }),
      spec: { ...template.spec, nodeName: node, enableServiceLinks: true, preemptionPolicy: 'PreemptLowerPriority', priority: 0, tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] },
      status: {
        phase: 'Running',
        conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: created })),
        hostIP: '127.0.0.1',
        podIP: ip,
        podIPs: [{ ip }],
        startTime: created,
        containerStatuses: [{ name: app.name, state: { running: { startedAt: created } }, ready: true, restartCount: 0, image: app.image, imageID: `${app.image.replace(/:.*/, '')}@sha256:${createHash('sha256').update(app.image).digest('hex')}`, containerID: `containerd://${randomBytes(32).toString('hex')}`, started: true }],
        qosClass: 'Burstable',
      },
    };
  });
  const clusterIP = `10.96.${app.port % 256}.${10 + app.replicas}`;
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(app.name, app.namespace, created, { labels }),
    spec: {
      ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: app.port }],
      selector: labels,
      clusterIP,
      clusterIPs: [clusterIP],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  };
  const addresses = pods.map((pod) => ({
    ip: pod.status.podIP,
    nodeName: pod.spec.nodeName,
    targetRef: { kind: 'Pod', namespace: app.namespace, name: pod.metadata['name'], uid: pod.metadata['uid'] },
  }));
  const endpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta(app.name, app.namespace, created, { labels, annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': created } }),
    subsets: [{ addresses, ports: [{ name: 'http', port: app.port, protocol: 'TCP' }] }],
  };
  const endpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: meta(`${app.name}-${randomBytes(3).toString('hex').slice(0, 5)}`, app.namespace, created, {
      generateName: `${app.name}-`,
      labels: { ...labels, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': app.name },
      ownerReferences: [ownerRef('Service', 'v1', service.metadata)],
      generation: 1,
    }),
    addressType: 'IPv4',
    endpoints: addresses.map((a) => ({ addresses: [a.ip], conditions: { ready: true, serving: true, terminating: false }, nodeName: a.nodeName, targetRef: a.targetRef })),
    ports: [{ name: 'http', port: app.port, protocol: 'TCP' }],
  };
  return [deployment, replicaSet, ...pods, service, endpoints, endpointSlice] as JsonObject[];
}

function podEvents(pods: JsonObject[], created: string): JsonObject[] {
  const steps: [string, string, string][] = [
    ['Scheduled', 'default-scheduler', 'Successfully assigned %s to %n'],
    ['Pulled', 'kubelet', 'Container image "%i" already present on machine'],
    ['Created', 'kubelet', 'Created container: %c'],
    ['Started', 'kubelet', 'Started container %c'],
  ];
  return pods.flatMap((pod) => {
    const podMeta = pod['metadata'] as Meta;
    const spec = pod['spec'] as { nodeName: string; containers: { name: string; image: string }[] };
    const first = spec.containers[0] ?? { name: '', image: '' };
    return steps.map(([reason, component, template]) => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: meta(`${String(podMeta['name'])}.${randomBytes(8).toString('hex')}`, String(podMeta['namespace']), created),
      involvedObject: { kind: 'Pod', namespace: podMeta['namespace'], name: podMeta['name'], uid: podMeta['uid'], apiVersion: 'v1', ...(reason === 'Scheduled' ? {} : { fieldPath: `spec.containers{${first.name}}` }) },
      reason,
      message: template.replace('%s', `${String(podMeta['namespace'])}/${String(podMeta['name'])}`).replace('%n', spec.nodeName).replace('%i', first.image).replace('%c', first.name),
      source: component === 'kubelet' ? { component, host: spec.nodeName } : {},
      firstTimestamp: component === 'kubelet' ? created : null,
      lastTimestamp: component === 'kubelet' ? created : null,
      count: 1,
      type: 'Normal',
      eventTime: component === 'kubelet' ? null : `${created.slice(0, -1)}.000000Z`,
      reportingComponent: component,
      reportingInstance: component === 'kubelet' ? spec.nodeName : `default-scheduler-${spec.nodeName}`,
      ...(component === 'kubelet' ? {} : { action: 'Binding' }),
    })) as JsonObject[];
  });
}

/** The CronTab CRD (stored as apiextensions.k8s.io/v1beta1 JSON) and two of its custom resources. */
export function cronTabResources(prefix: string, created: string): { key: string; object: JsonObject }[] {
  const crd = {
    kind: 'CustomResourceDefinition',
    apiVersion: 'apiextensions.k8s.io/v1beta1',
    metadata: meta('crontabs.stable.example.com', undefined, created, { generation: 1 }),
    spec: {
      group: 'stable.example.com',
      version: 'v1',
      names: { plural: 'crontabs', singular: 'crontab', shortNames: ['ct'], kind: 'CronTab', listKind: 'CronTabList' },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true }],
      validation: {
        openAPIV3Schema: {
          type: 'object',
          properties: { spec: { type: 'object', properties: { cronSpec: { type: 'string' }, image: { type: 'string' }, replicas: { type: 'integer' } } } },
        },
      },
      conversion: { strategy: 'None' },
      preserveUnknownFields: false,
    },
    status: {
      conditions: [
        { type: 'NamesAccepted', status: 'True', lastTransitionTime: created, reason: 'NoConflicts', message: 'no conflicts found' },
        { type: 'Established', status: 'True', lastTransitionTime: created, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      ],
      acceptedNames: { plural: 'crontabs', singular: 'crontab', shortNames: ['ct'], kind: 'CronTab', listKind: 'CronTabList' },
      storedVersions: ['v1'],
    },
  };
  const cronTab = (name: string, namespace: string, cronSpec: string, image: string) => ({
    apiVersion: 'stable.example.com/v1',
    kind: 'CronTab',
    metadata: { ...meta(name, namespace, created, { generation: 1 }), annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '' } },
    spec: { cronSpec, image, replicas: 1 },
  });
  return [
    { key: `${prefix}/apiextensions.k8s.io/customresourcedefinitions/crontabs.stable.example.com`, object: crd as JsonObject },
    { key: `${prefix}/stable.example.com/crontabs/shop/nightly-report`, object: cronTab('nightly-report', 'shop', '0 2 * * *', 'registry.example.com/report:1.4') as JsonObject },
    { key: `${prefix}/stable.example.com/crontabs/default/cache-warmer`, object: cronTab('cache-warmer', 'default', '*/15 * * * *', 'registry.example.com/warmer:0.9') as JsonObject },
  ];
}

function namespace(name: string, created: string): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta(name, undefined, created, { labels: { 'kubernetes.io/metadata.name': name } }),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  } as JsonObject;
}

function configMap(name: string, ns: string, created: string, data: Record<string, string>): JsonObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name, ns, created), data } as JsonObject;
}

function secret(name: string, ns: string, created: string, type: string, data: Record<string, string>): JsonObject {
  const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  return { apiVersion: 'v1', kind: 'Secret', metadata: meta(name, ns, created), type, data: encoded } as JsonObject;
}

function lease(name: string, ns: string, created: string, holder: string, seconds: number): JsonObject {
  const renew = `${timestamp(new Date()).slice(0, -1)}.000000Z`;
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: meta(name, ns, created),
    spec: { holderIdentity: holder, leaseDurationSeconds: seconds, acquireTime: `${created.slice(0, -1)}.000000Z`, renewTime: renew, leaseTransitions: 0 },
  } as JsonObject;
}

const ROOT_CA = '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIdemo0000000MA0GCSqGSIb3DQEBCwUAMBUxEzARBgNVBAMTCmt1YmVybmV0ZXMw\n-----END CERTIFICATE-----\n';

export function demoObjects(options: DemoOptions, prefix: string): DemoObjects {
  const created = timestamp(options.createdAt);
  let ip = 10;
  const podIps = () => `10.244.0.${ip++}`;
  const apps = [
    application({ namespace: 'shop', name: 'web', image: 'nginx:1.27.3', replicas: 2, port: 8080 }, options, created, podIps),
    application({ namespace: 'shop', name: 'api', image: 'registry.example.com/shop-api:2.3.1', replicas: 1, port: 9000 }, options, created, podIps),
    application({ namespace: 'kube-system', name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.12.1', replicas: 2, port: 53 }, options, created, podIps),
  ].flat();
  const pods = apps.filter((o) => o['kind'] === 'Pod');
  const namespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'shop'];
  const objects: JsonObject[] = [
    ...namespaces.map((name) => namespace(name, created)),
    ...apps,
    ...namespaces.map((ns) => configMap('kube-root-ca.crt', ns, created, { 'ca.crt': ROOT_CA })),
    configMap('coredns', 'kube-system', created, { Corefile: '.:53 {\n    errors\n    health\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    forward . /etc/resolv.conf\n    cache 30\n}\n' }),
    configMap('web-config', 'shop', created, { 'nginx.conf': 'server { listen 8080; location / { proxy_pass http://api; } }\n', LOG_LEVEL: 'info' }),
    secret('api-credentials', 'shop', created, 'Opaque', { username: 'shop', password: 's3cr3t-demo' }),
    secret('bootstrap-token-abcdef', 'kube-system', created, 'bootstrap.kubernetes.io/token', { 'token-id': 'abcdef', 'token-secret': '0123456789abcdef', 'usage-bootstrap-authentication': 'true' }),
    ...namespaces.map((ns) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('default', ns, created) }) as JsonObject),
    ...options.nodeNames.map((node) => lease(node, 'kube-node-lease', created, node, 40)),
    lease('kube-controller-manager', 'kube-system', created, `${options.nodeNames[0] ?? 'node'}_${randomUUID()}`, 15),
    lease('kube-scheduler', 'kube-system', created, `${options.nodeNames[0] ?? 'node'}_${randomUUID()}`, 15),
    { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: meta('system-node-critical', undefined, created), value: 2000001000, description: 'Used for system critical pods that must not be moved from their current node.', preemptionPolicy: 'PreemptLowerPriority' } as JsonObject,
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta('system:coredns', undefined, created), rules: [{ verbs: ['list', 'watch'], apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'] }] } as JsonObject,
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta('system:coredns', undefined, created), subjects: [{ kind: 'ServiceAccount', name: 'coredns', namespace: 'kube-system' }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:coredns' } } as JsonObject,
  ];
  const apiService = {
    kind: 'APIService',
    apiVersion: 'apiregistration.k8s.io/v1',
    metadata: meta('v1beta1.metrics.k8s.io', undefined, created, { labels: { 'k8s-app': 'metrics-server' } }),
    spec: { service: { namespace: 'kube-system', name: 'metrics-server', port: 443 }, group: 'metrics.k8s.io', version: 'v1beta1', insecureSkipTLSVerify: true, groupPriorityMinimum: 100, versionPriority: 100 },
    status: { conditions: [{ type: 'Available', status: 'True', lastTransitionTime: created, reason: 'Passed', message: 'all checks passed' }] },
  } as JsonObject;
  return {
    objects,
    events: podEvents(pods, created),
    json: [...cronTabResources(prefix, created), { key: `${prefix}/apiregistration.k8s.io/apiservices/v1beta1.metrics.k8s.io`, object: apiService }],
  };
}
