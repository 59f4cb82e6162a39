/**
 * A stand-in API server over two hand-built pods, for the API server's own tests: `kube-system/etcd-node1`
 * (an image with a shell, tar and coreutils) and `kube-system/kube-apiserver-node1` (distroless: one program).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createApiServerPki, writeKubeconfig, type ApiServerPki } from './apiserver/credentials.js';
import { startApiServer, type ApiServer } from './apiserver/server.js';
import { noFaults, type ClusterState, type Faults, type Pod, type PodEntry } from './model.js';
import { buildRootfs, LayerStore, type ImageContents } from './rootfs.js';
import { kubectlFor, type Run } from './kubectl-runner.js';

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const WITH_TOOLS: ImageContents = {
  programs: Object.fromEntries(['sh', 'cat', 'tar', 'head', 'sleep', 'ls', 'echo', 'true', 'yes', 'mkdir', 'sha256sum'].map((name) => [`/bin/${name}`, name])),
  directories: ['/tmp', '/data'],
  files: { '/data/hello.txt': 'hello from the container\n' },
  env: { PATH },
};

const DISTROLESS: ImageContents = {
  programs: { '/usr/local/bin/echo': 'echo' },
  directories: ['/tmp'],
  files: {},
  env: { PATH },
};

function staticPod(name: string, component: string, container: string, image: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'kube-system',
      uid: `00000000-0000-4000-8000-${name.length.toString().padStart(12, '0')}`,
      resourceVersion: '400',
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels: { component, tier: 'control-plane' },
      annotations: { 'kubernetes.io/config.mirror': 'placeholder' },
    },
    spec: { nodeName: 'node1', hostNetwork: true, containers: [{ name: container, image, command: [container] }] },
    status: {
      phase: 'Running',
      podIP: '127.0.0.1',
      containerStatuses: [{ name: container, ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:05Z' } } }],
    },
  };
}

export interface ApiServerFixture {
  dir: string;
  state: ClusterState;
  faults: Faults;
  pki: ApiServerPki;
  server: ApiServer;
  kubeconfigPath: string;
  etcdPod: PodEntry;
  stop: () => Promise<void>;
}

export async function startApiServerFixture(): Promise<ApiServerFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'kubectl-etcd-apiserver-'));
  let server: ApiServer | undefined;
  try {
    const layers = new LayerStore(join(dir, 'layers'));
    const toolsRoot = join(dir, 'rootfs', 'etcd');
    const distrolessRoot = join(dir, 'rootfs', 'kube-apiserver');
    await buildRootfs(layers, toolsRoot, WITH_TOOLS);
    await buildRootfs(layers, distrolessRoot, DISTROLESS);
    const etcdPod: PodEntry = {
      object: staticPod('etcd-node1', 'etcd', 'etcd', 'registry.k8s.io/etcd:3.5.21-0'),
      containers: { etcd: { rootfs: toolsRoot, env: { PATH, HOSTNAME: 'node1' } } },
    };
    const apiserverPod: PodEntry = {
      object: staticPod('kube-apiserver-node1', 'kube-apiserver', 'kube-apiserver', 'registry.k8s.io/kube-apiserver:v1.36.0'),
      containers: { 'kube-apiserver': { rootfs: distrolessRoot, env: { PATH, HOSTNAME: 'node1' } } },
    };
    const state: ClusterState = {
      namespaces: ['default', 'kube-system'].map((name) => ({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, uid: `ns-${name}`, resourceVersion: '10', creationTimestamp: '2026-01-01T00:00:00Z', labels: { 'kubernetes.io/metadata.name': name } },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      })),
      nodes: [
        {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: 'node1', resourceVersion: '20', creationTimestamp: '2026-01-01T00:00:00Z', labels: { 'node-role.kubernetes.io/control-plane': '' } },
          spec: {},
          status: {
            conditions: [{ type: 'Ready', status: 'True' }],
            addresses: [{ type: 'InternalIP', address: '127.0.0.1' }],
            nodeInfo: { kubeletVersion: 'v1.36.0', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0', containerRuntimeVersion: 'containerd://2.1.0' },
          },
        },
      ],
      pods: [etcdPod, apiserverPod],
    };
    const faults = noFaults();
    const pki = await createApiServerPki(join(dir, 'pki'));
    const started = await startApiServer({ state, faults, tls: pki.tls });
    server = started;
    const kubeconfigPath = join(dir, 'kubeconfig');
    await writeKubeconfig(kubeconfigPath, { server: started.url, caCertPem: started.caCertPem, credentials: pki.admin });
    return {
      dir,
      state,
      faults,
      pki,
      server: started,
      kubeconfigPath,
      etcdPod,
      stop: async () => {
        await started.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** For a suite: the fixture, started before it and stopped after it, and the real kubectl pointed at it. */
export function useFixtureKubectl(): { fixture: () => ApiServerFixture; kubectl: (args: string[], input?: string) => Promise<Run> } {
  let fixture: ApiServerFixture | undefined;
  let kubectl: ((args: string[], input?: string) => Promise<Run>) | undefined;
  beforeAll(async () => {
    fixture = await startApiServerFixture();
    kubectl = await kubectlFor(fixture.kubeconfigPath, fixture.dir);
  });
  afterAll(async () => {
    await fixture?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the API server fixture is not started (use it inside tests)');
    return value;
  };
  return { fixture: () => started(fixture), kubectl: (args, input) => started(kubectl)(args, input) };
}
