/**
 * The whole stand-in cluster: per-run PKI, node file systems, container root file systems with hostPath
 * volumes, real etcd members, seed data and the stand-in API server, all under one temporary directory.
 */
import { rmSync } from 'node:fs';
import { link, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createApiServerPki, writeKubeconfig } from './apiserver/credentials.js';
import { startApiServer } from './apiserver/server.js';
import { startEtcdCluster, type EtcdCluster, type EtcdMemberPlan } from './etcd.js';
import { requireEtcdTools } from './host-tools.js';
import { noFaults, type ClusterState, type Container, type Faults, type Namespace, type Pod, type PodEntry } from './model.js';
import { podLauncher } from './launcher.js';
import { mountsUnder, mountsUnderSync, unmountUnder } from './mounts.js';
import { nodeIdentity, timestamp } from './objects.js';
import { createEtcdCertificateAuthority, writeEtcdNodePki } from './pki.js';
import { pickFreePorts } from './ports.js';
import { PROFILES, type ProfileName } from './profiles.js';
import type { ControlPlaneMember, NodeFile, PodPlan, Profile, ProfileContext } from './profiles/common.js';
import { IMAGES, LayerStore, buildRootfs, hostPathMounts, mountHostPath, removeFromImage } from './rootfs.js';
import { seedCluster, type SeedName, type SeedReport } from './seed.js';

export interface ClusterOptions {
  profile: ProfileName;
  /** Control-plane nodes, each with an etcd member: 1 or 3. */
  members?: number;
  seed?: SeedName;
}

export interface Cluster {
  /** The temporary directory everything lives in. */
  dir: string;
  kubeconfigPath: string;
  /** EncryptionConfiguration holding the key of the encrypted seed Secret (beside the kubeconfig); seeds demo and fixtures. */
  encryptionConfigPath: string | undefined;
  profile: ProfileName;
  /** Key prefix objects are stored under. */
  etcdPrefix: string;
  etcd: EtcdCluster;
  state: ClusterState;
  faults: Faults;
  seed: SeedReport;
  /** Start-up phases and their durations in milliseconds. */
  timings: Record<string, number>;
  /** Fault: removes `path` (e.g. /usr/local/bin/etcdctl) from a running container's image. */
  removeFromImage(namespace: string, pod: string, container: string, path: string): Promise<void>;
  /** Stops every process and removes every file; safe to call more than once. */
  stop(): Promise<void>;
}

export const CLUSTER_DIR_PREFIX = 'kubectl-etcd-cluster-';

const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

function namespaceObject(name: string, createdAt: Date): Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, uid: crypto.randomUUID(), creationTimestamp: timestamp(createdAt), labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

const SERVICE_ENV = {
  KUBERNETES_PORT: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
  KUBERNETES_PORT_443_TCP_PORT: '443',
  KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
  KUBERNETES_SERVICE_PORT: '443',
  KUBERNETES_SERVICE_PORT_HTTPS: '443',
};

/** The process environment a runtime gives a container: image ENV, HOSTNAME, service links, then the spec's env. */
function containerEnv(pod: Pod, containerName: string, imageEnv: Record<string, string>): Record<string, string> {
  const spec = pod.spec.containers.find((c) => c.name === containerName);
  const specEnv = ((spec?.['env'] ?? []) as { name: string; value?: string }[]).filter((e) => e.value !== undefined);
  const hostname = pod.spec['hostNetwork'] === true ? (pod.spec.nodeName ?? pod.metadata.name) : pod.metadata.name;
  return {
    ...imageEnv,
    HOSTNAME: hostname,
    ...SERVICE_ENV,
    ...Object.fromEntries(specEnv.map((e) => [e.name, e.value ?? ''])),
    HOME: '/root',
  };
}

async function placeNodeFile(nodeRoot: string, pkiDir: string, file: NodeFile): Promise<void> {
  const target = join(nodeRoot, file.path);
  await mkdir(dirname(target), { recursive: true });
  if ('certificate' in file) await link(join(pkiDir, file.certificate), target);
  else await writeFile(target, file.content, { mode: 0o600 });
}

async function startPodContainers(plan: PodPlan, layers: LayerStore, dir: string): Promise<Record<string, Container>> {
  const { metadata } = plan.object;
  const nodeRoot = join(dir, 'nodes', plan.node);
  const containers: Record<string, Container> = {};
  for (const [name, imageName] of Object.entries(plan.images)) {
    const rootfs = join(dir, 'containers', `${metadata.namespace}_${metadata.name}`, name);
    const image = IMAGES[imageName];
    await buildRootfs(layers, rootfs, image);
    for (const mount of hostPathMounts(plan.object, name)) await mountHostPath(nodeRoot, rootfs, mount);
    containers[name] = { rootfs, env: containerEnv(plan.object, name, image.env) };
  }
  return containers;
}

/** Undoes what a partial or complete start-up left: processes first, then mounts, then files. */
class Teardown {
  private readonly steps: (() => Promise<void>)[] = [];
  private done: Promise<void> | undefined;

  add(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  run(): Promise<void> {
    this.done ??= (async () => {
      const errors: unknown[] = [];
      for (const step of this.steps.reverse()) await step().catch((error: unknown) => errors.push(error));
      if (errors.length > 0) throw new AggregateError(errors, 'the test cluster did not stop cleanly');
    })();
    return this.done;
  }
}

async function removeClusterDir(dir: string): Promise<void> {
  await unmountUnder(dir);
  const left = await mountsUnder(dir);
  // Removing a tree that still has bind mounts in it would delete through them.
  if (left.length > 0) throw new Error(`not removing ${dir}: still mounted: ${left.join(', ')}`);
  await rm(dir, { recursive: true, force: true });
}

function planMembers(profile: Profile, count: number, ports: number[]): ControlPlaneMember[] {
  return profile.nodeNames(count).map((name, i) => ({
    node: nodeIdentity(name, '127.0.0.1'),
    etcdName: profile.etcdName(name),
    ports: { client: ports[3 * i] ?? 0, peer: ports[3 * i + 1] ?? 0, metrics: ports[3 * i + 2] ?? 0 },
  }));
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const started = Date.now();
  const timings: Record<string, number> = {};
  const mark = (phase: string) => (timings[phase] = Date.now() - started - Object.values(timings).reduce((a, b) => a + b, 0));
  await requireEtcdTools();
  if (process.getuid?.() !== 0) {
    throw new Error('the test cluster runs containers with chroot and bind mounts: run it as root');
  }
  const profile = PROFILES[options.profile];
  const memberCount = options.members ?? 1;
  if (memberCount !== 1 && memberCount !== 3) throw new Error(`members must be 1 or 3, not ${memberCount}`);

  const dir = await mkdtemp(join(tmpdir(), CLUSTER_DIR_PREFIX));
  const teardown = new Teardown();
  // Last resort when the process exits without stop(): etcd.ts and mounts.ts end their processes and mounts
  // in their own exit handlers (registered earlier, so run first); the files go here.
  const removeOnExit = () => {
    if (mountsUnderSync(dir).length === 0) rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', removeOnExit);
  teardown.add(async () => {
    process.off('exit', removeOnExit);
  });
  teardown.add(() => removeClusterDir(dir));
  try {
    const members = planMembers(profile, memberCount, await pickFreePorts(3 * memberCount));
    const context: ProfileContext = { members, createdAt: new Date(Date.now() - 3_600_000) };

    const ca = await createEtcdCertificateAuthority(join(dir, 'pki', 'etcd-ca'));
    await Promise.all(
      members.map(async (member) => {
        const pkiDir = join(dir, 'pki', member.node.name);
        await writeEtcdNodePki(pkiDir, { name: member.node.name, ipAddresses: [member.node.ip] }, ca);
        const nodeRoot = join(dir, 'nodes', member.node.name);
        for (const file of profile.nodeFiles(context, member)) await placeNodeFile(nodeRoot, pkiDir, file);
      }),
    );
    mark('pki');

    const layers = new LayerStore(join(dir, 'layers'));
    const plans = profile.pods(context);
    const pods: PodEntry[] = [];
    const etcdPlans: EtcdMemberPlan[] = [];
    for (const plan of plans) {
      const containers = await startPodContainers(plan, layers, dir);
      if (!plan.hidden) pods.push({ object: plan.object, containers });
      if (plan.etcd) {
        const member = members.find((m) => m.node.name === plan.node);
        const rootfs = containers[plan.etcd.container]?.rootfs;
        if (!member || !rootfs) throw new Error(`etcd pod ${plan.object.metadata.name} has no member or container`);
        etcdPlans.push({
          name: member.etcdName,
          rootfs,
          command: plan.etcd.command,
          ...(plan.etcd.env ? { env: plan.etcd.env } : {}),
          clientUrl: `https://127.0.0.1:${member.ports.client}`,
        });
      }
    }
    mark('rootfs');

    const firstPki = join(dir, 'pki', members[0]?.node.name ?? '');
    const clientTls = {
      caPath: join(firstPki, 'etcd/ca.crt'),
      certPath: join(firstPki, 'apiserver-etcd-client.crt'),
      keyPath: join(firstPki, 'apiserver-etcd-client.key'),
    };
    await mkdir(join(dir, 'logs'));
    const etcd = await startEtcdCluster(etcdPlans, clientTls, join(dir, 'logs'));
    teardown.add(() => etcd.stop());
    mark('etcd');

    const nodes = profile.nodes(context);
    const encryptionConfigPath = join(dir, 'encryption-config.yaml');
    const seed = await seedCluster(etcd, {
      name: options.seed ?? 'none',
      prefix: profile.etcdPrefix,
      encryptionConfigPath,
      createdAt: context.createdAt,
      nodeNames: nodes.map((n) => n.metadata.name),
    });
    mark('seed');

    const namespaceNames = new Set([...SYSTEM_NAMESPACES, ...pods.map((p) => p.object.metadata.namespace)]);
    const state: ClusterState = {
      namespaces: [...namespaceNames].sort().map((name) => namespaceObject(name, context.createdAt)),
      nodes,
      pods,
    };
    state.launch = podLauncher({ dir, layers, containerEnv });
    const faults = noFaults();
    const apiPki = await createApiServerPki(join(dir, 'apiserver-pki'));
    const apiServer = await startApiServer({ state, faults, tls: apiPki.tls, gitVersion: profile.kubernetesVersion });
    teardown.add(() => apiServer.stop());
    const kubeconfigPath = join(dir, 'kubeconfig');
    await writeKubeconfig(kubeconfigPath, { server: apiServer.url, caCertPem: apiServer.caCertPem, credentials: apiPki.admin });
    mark('apiserver');
    timings['total'] = Date.now() - started;

    return {
      dir,
      kubeconfigPath,
      encryptionConfigPath: seed.encryptedSecretKey === undefined ? undefined : encryptionConfigPath,
      profile: options.profile,
      etcdPrefix: profile.etcdPrefix,
      etcd,
      state,
      faults,
      seed,
      timings,
      async removeFromImage(namespace, pod, container, path) {
        const entry = state.pods.find((p) => p.object.metadata.namespace === namespace && p.object.metadata.name === pod);
        const rootfs = entry?.containers[container]?.rootfs;
        if (!rootfs) throw new Error(`no container ${container} in pod ${namespace}/${pod}`);
        await removeFromImage(rootfs, path);
      },
      stop: () => teardown.run(),
    };
  } catch (error) {
    await teardown.run().catch(() => undefined);
    throw error;
  }
}
