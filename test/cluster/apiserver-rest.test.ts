/** The stand-in API server's REST side, as @kubernetes/client-node (a real client) sees it. */
import { ApiException, CoreV1Api, KubeConfig, Watch, type V1Pod } from '@kubernetes/client-node';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServerFixture, type ApiServerFixture } from './apiserver-fixture.js';

let fixture: ApiServerFixture;
let api: CoreV1Api;
let config: KubeConfig;

beforeAll(async () => {
  fixture = await startApiServerFixture();
  config = new KubeConfig();
  config.loadFromFile(fixture.kubeconfigPath);
  api = config.makeApiClient(CoreV1Api);
});

afterAll(async () => {
  await fixture?.stop();
});

/** The Status body of a failed call, as client-node hands it over. */
async function failure(call: Promise<unknown>): Promise<{ code: number; status: Record<string, unknown> }> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiException)) throw new Error(`expected an ApiException, got ${String(error)}`);
  const body = typeof error.body === 'string' ? JSON.parse(error.body) : error.body;
  return { code: error.code, status: body as Record<string, unknown> };
}

/** A plain HTTPS GET: with the admin's client certificate unless `anonymous`. */
function getJson(path: string, accept = 'application/json', anonymous = false): Promise<{ status: number; body: Record<string, unknown> }> {
  const credentials = anonymous ? {} : { cert: fixture.pki.admin.certPem, key: fixture.pki.admin.keyPem };
  return new Promise((resolve, reject) => {
    const req = request(`${fixture.server.url}${path}`, { ca: fixture.server.caCertPem, ...credentials, headers: { Accept: accept } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('reading', () => {
  it('lists pods per namespace and across namespaces as PodList with a resourceVersion', async () => {
    const list = await api.listNamespacedPod({ namespace: 'kube-system' });
    expect(list.items.map((pod) => pod.metadata?.name)).toEqual(['etcd-node1', 'kube-apiserver-node1']);
    expect(list.metadata?.resourceVersion).toMatch(/^\d+$/);
    const all = await api.listPodForAllNamespaces();
    expect(all.items).toHaveLength(2);
    expect((await api.listNamespacedPod({ namespace: 'default' })).items).toEqual([]);
  });

  it('serves list items without kind and apiVersion, and a single object with them, as the real API does', async () => {
    const list = await getJson('/api/v1/namespaces/kube-system/pods');
    expect(list.body['kind']).toBe('PodList');
    const items = list.body['items'] as Record<string, unknown>[];
    expect(items[0]).not.toHaveProperty('kind');
    const one = await getJson('/api/v1/namespaces/kube-system/pods/etcd-node1');
    expect(one.body).toMatchObject({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'etcd-node1' } });
  });

  it('filters by labelSelector and fieldSelector', async () => {
    const byLabel = await api.listNamespacedPod({ namespace: 'kube-system', labelSelector: 'component=etcd,tier in (control-plane)' });
    expect(byLabel.items.map((pod) => pod.metadata?.name)).toEqual(['etcd-node1']);
    const notEtcd = await api.listPodForAllNamespaces({ labelSelector: 'component!=etcd' });
    expect(notEtcd.items.map((pod) => pod.metadata?.name)).toEqual(['kube-apiserver-node1']);
    const byField = await api.listPodForAllNamespaces({ fieldSelector: 'spec.nodeName=node1,metadata.name=etcd-node1' });
    expect(byField.items.map((pod) => pod.metadata?.name)).toEqual(['etcd-node1']);
    const none = await api.listPodForAllNamespaces({ fieldSelector: 'status.phase!=Running' });
    expect(none.items).toEqual([]);
  });

  it('answers an unsupported field label with 400 as the real API does', async () => {
    const { code, status } = await failure(api.listPodForAllNamespaces({ fieldSelector: 'spec.image=etcd' }));
    expect(code).toBe(400);
    expect(status).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest', message: 'field label not supported: spec.image' });
  });

  it('pages with limit and continue', async () => {
    const first = await api.listPodForAllNamespaces({ limit: 1 });
    expect(first.items.map((pod) => pod.metadata?.name)).toEqual(['etcd-node1']);
    expect(first.metadata?.remainingItemCount).toBe(1);
    const second = await api.listPodForAllNamespaces({ limit: 1, _continue: first.metadata?._continue });
    expect(second.items.map((pod) => pod.metadata?.name)).toEqual(['kube-apiserver-node1']);
    expect(second.metadata?._continue).toBeUndefined();
  });

  it('gets namespaces and nodes', async () => {
    expect((await api.listNamespace()).items.map((ns) => ns.metadata?.name)).toEqual(['default', 'kube-system']);
    expect((await api.readNamespace({ name: 'kube-system' })).status?.phase).toBe('Active');
    expect((await api.listNode()).items.map((node) => node.metadata?.name)).toEqual(['node1']);
  });

  it('answers a missing pod with the real 404 Status', async () => {
    const { code, status } = await failure(api.readNamespacedPod({ namespace: 'kube-system', name: 'etcd-nope' }));
    expect(code).toBe(404);
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "etcd-nope" not found',
      reason: 'NotFound',
      details: { name: 'etcd-nope', kind: 'pods' },
      code: 404,
    });
  });

  it('serves a Table when asked as kubectl asks', async () => {
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
    const { body } = await getJson('/api/v1/namespaces/kube-system/pods?limit=500', accept);
    expect(body['kind']).toBe('Table');
    expect(body['apiVersion']).toBe('meta.k8s.io/v1');
    const columns = (body['columnDefinitions'] as { name: string }[]).map((column) => column.name);
    expect(columns).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    const rows = body['rows'] as { cells: unknown[]; object: { kind: string; metadata: { name: string } } }[];
    expect(rows[0]?.cells.slice(0, 4)).toEqual(['etcd-node1', '1/1', 'Running', '0']);
    expect(rows[0]?.object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'etcd-node1' } });
  });

  it('serves /version and legacy discovery', async () => {
    expect((await getJson('/version')).body).toMatchObject({ major: '1', minor: '36', gitVersion: 'v1.36.0' });
    const resources = (await getJson('/api/v1')).body['resources'] as { name: string }[];
    expect(resources.map((resource) => resource.name)).toEqual(
      expect.arrayContaining(['pods', 'pods/exec', 'pods/portforward', 'namespaces', 'nodes']),
    );
  });
});

describe('faults', () => {
  it('denies a verb on a resource with the real RBAC message naming user, verb, resource and namespace', async () => {
    fixture.faults.deny = [{ verb: 'list', resource: 'pods' }];
    try {
      const namespaced = await failure(api.listNamespacedPod({ namespace: 'kube-system' }));
      expect(namespaced.code).toBe(403);
      expect(namespaced.status['message']).toBe(
        'pods is forbidden: User "kubernetes-admin" cannot list resource "pods" in API group "" in the namespace "kube-system"',
      );
      const cluster = await failure(api.listPodForAllNamespaces());
      expect(cluster.status['message']).toBe('pods is forbidden: User "kubernetes-admin" cannot list resource "pods" in API group "" at the cluster scope');
      expect(cluster.status).toMatchObject({ reason: 'Forbidden', details: { kind: 'pods' }, code: 403 });
      await expect(api.readNamespacedPod({ namespace: 'kube-system', name: 'etcd-node1' })).resolves.toBeDefined();
    } finally {
      fixture.faults.deny = [];
    }
  });

  it('answers every request with 500 while the server-error fault is on', async () => {
    fixture.faults.serverError = true;
    try {
      const { code, status } = await failure(api.listNamespacedPod({ namespace: 'kube-system' }));
      expect(code).toBe(500);
      expect(status).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'InternalError', code: 500 });
    } finally {
      fixture.faults.serverError = false;
    }
    await expect(api.listNamespacedPod({ namespace: 'kube-system' })).resolves.toBeDefined();
  });

  it('treats a client without a certificate as system:anonymous', async () => {
    const { status, body } = await getJson('/api/v1/namespaces/kube-system/pods', 'application/json', true);
    expect(status).toBe(403);
    expect(body['message']).toBe(
      'pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "kube-system"',
    );
  });
});

describe('pods created through the API', () => {
  it('creates a pod, schedules and launches it, reports Running through a watch, and deletes it', async () => {
    const removed: string[] = [];
    fixture.state.launch = async (pod) => ({
      containers: { helper: fixture.etcdPod.containers['etcd'] ?? { rootfs: '/nonexistent', env: {} } },
      remove: async () => void removed.push(pod.metadata.name),
    });
    const running = new Promise<V1Pod>((resolve, reject) => {
      void new Watch(config)
        .watch('/api/v1/namespaces/kube-system/pods', { fieldSelector: 'metadata.name=helper' }, (type, pod: V1Pod) => {
          if (type === 'MODIFIED' && pod.status?.phase === 'Running') resolve(pod);
        }, reject)
        .then((controller) => running.finally(() => controller.abort()));
    });
    const created = await api.createNamespacedPod({
      namespace: 'kube-system',
      body: { metadata: { name: 'helper' }, spec: { containers: [{ name: 'helper', image: 'busybox' }] } },
    });
    expect(created.status?.phase).toBe('Pending');
    expect(created.metadata?.uid).toBeTruthy();
    const pod = await running;
    expect(pod.spec?.nodeName).toBe('node1');
    expect(pod.status?.containerStatuses?.[0]?.ready).toBe(true);

    const again = await failure(api.createNamespacedPod({ namespace: 'kube-system', body: { metadata: { name: 'helper' }, spec: { containers: [{ name: 'helper', image: 'busybox' }] } } }));
    expect(again.code).toBe(409);
    expect(again.status['message']).toBe('pods "helper" already exists');

    const deleted = await api.deleteNamespacedPod({ namespace: 'kube-system', name: 'helper' });
    expect(deleted.metadata?.deletionTimestamp).toBeDefined();
    expect(removed).toEqual(['helper']);
    expect((await failure(api.readNamespacedPod({ namespace: 'kube-system', name: 'helper' }))).code).toBe(404);
    delete fixture.state.launch;
  });
});
