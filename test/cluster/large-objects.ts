/**
 * `large:N`: N objects of the kinds a busy cluster is full of (ConfigMaps, Secrets, Pods, Events, Leases),
 * spread over namespaces, for benchmarks. Objects are produced lazily so N can be large.
 */
import { randomBytes } from 'node:crypto';
import type { JsonObject } from '../../src/codec/value.js';

export const LARGE_NAMESPACE_COUNT = 100;

// Random-looking content is cut from one random pool: generating it per object would dominate seeding time.
const POOL = randomBytes(1 << 16).toString('hex');

/** `length` hex digits, different for each (index, salt). */
function noise(index: number, salt: number, length: number): string {
  const start = ((index * 7919 + salt * 104729) % (POOL.length - length)) & ~1;
  return POOL.slice(start, start + length);
}

/** A UUID-shaped id that is unique per (index, salt). */
function uid(index: number, salt: number): string {
  const tail = noise(index, salt, 12);
  return `${index.toString(16).padStart(8, '0')}-${salt.toString(16).padStart(4, '0')}-4${tail.slice(0, 3)}-a${tail.slice(3, 6)}-${noise(index, salt + 1, 12)}`;
}

export function largeNamespaceName(index: number): string {
  return `load-${String(index % LARGE_NAMESPACE_COUNT).padStart(3, '0')}`;
}

function configMap(name: string, namespace: string, created: string, index: number): JsonObject {
  const properties = Array.from({ length: 24 }, (_, i) => `setting.${i}=${noise(index, i, 24)}`).join('\n');
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, uid: uid(index, 1), creationTimestamp: created, labels: { app: name.replace(/-\d+$/, ''), tier: 'backend' } },
    data: { 'application.properties': properties, 'LOG_LEVEL': 'info' },
  };
}

function secret(name: string, namespace: string, created: string, index: number): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace, uid: uid(index, 1), creationTimestamp: created },
    type: 'Opaque',
    data: { username: Buffer.from(name).toString('base64'), password: Buffer.from(noise(index, 2, 36), 'hex').toString('base64'), 'tls.key': Buffer.from(noise(index, 3, 512), 'hex').toString('base64') },
  };
}

function pod(name: string, namespace: string, created: string, index: number): JsonObject {
  const ip = `10.${244 + ((index >> 16) & 3)}.${(index >> 8) & 255}.${index & 255}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${name.slice(0, -5)}`,
      namespace,
      uid: uid(index, 1),
      creationTimestamp: created,
      labels: { app: 'worker', 'pod-template-hash': '6d9f8c7b5d' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'worker-6d9f8c7b5d', uid: uid(index % LARGE_NAMESPACE_COUNT, 9), controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      containers: [
        {
          name: 'worker',
          image: 'registry.example.com/worker:3.2.0',
          args: ['--queue=jobs', `--shard=${index % 64}`],
          env: [{ name: 'QUEUE_URL', value: 'amqp://rabbitmq.queue.svc:5672' }, { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }],
          resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
          volumeMounts: [{ name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          imagePullPolicy: 'IfNotPresent',
        },
      ],
      volumes: [{ name: 'kube-api-access', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }], defaultMode: 420 } }],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      nodeName: `worker-${index % 20}`,
      schedulerName: 'default-scheduler',
    },
    status: {
      phase: 'Running',
      conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: created })),
      hostIP: `10.0.${index % 20}.10`,
      podIP: ip,
      podIPs: [{ ip }],
      startTime: created,
      containerStatuses: [{ name: 'worker', ready: true, started: true, restartCount: 0, image: 'registry.example.com/worker:3.2.0', imageID: 'registry.example.com/worker@sha256:5b1f4d0c3a4e9b8f7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170', containerID: `containerd://${noise(index, 4, 64)}`, state: { running: { startedAt: created } } }],
      qosClass: 'Burstable',
    },
  };
}

function event(name: string, namespace: string, created: string, index: number): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${name}.${noise(index, 5, 16)}`, namespace, uid: uid(index, 1), creationTimestamp: created },
    involvedObject: { kind: 'Pod', namespace, name, uid: uid(index, 7), apiVersion: 'v1', fieldPath: 'spec.containers{worker}' },
    reason: 'BackOff',
    message: 'Back-off restarting failed container worker in pod',
    source: { component: 'kubelet', host: 'worker-3' },
    firstTimestamp: created,
    lastTimestamp: created,
    count: 3,
    type: 'Warning',
    reportingComponent: 'kubelet',
    reportingInstance: 'worker-3',
  };
}

function lease(name: string, namespace: string, created: string, index: number): JsonObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace, uid: uid(index, 1), creationTimestamp: created },
    spec: { holderIdentity: `${name}_${uid(index, 6)}`, leaseDurationSeconds: 15, renewTime: `${created.slice(0, -1)}.000000Z`, leaseTransitions: 1 },
  };
}

/** The i-th object: 4 in 10 ConfigMaps, 2 Secrets, 2 Pods, 1 Event (leased), 1 Lease. */
export function largeObject(index: number, created: string): { object: JsonObject; leased: boolean } {
  const namespace = largeNamespaceName(index);
  const slot = index % 10;
  const name = `item-${index}`;
  if (slot < 4) return { object: configMap(`config-${index}`, namespace, created, index), leased: false };
  if (slot < 6) return { object: secret(`secret-${index}`, namespace, created, index), leased: false };
  if (slot < 8) return { object: pod(`worker-6d9f8c7b5d-${index.toString(36).padStart(5, 'x')}`, namespace, created, index), leased: false };
  if (slot < 9) return { object: event(name, namespace, created, index), leased: true };
  return { object: lease(`lock-${index}`, namespace, created, index), leased: false };
}
