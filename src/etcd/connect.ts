/**
 * Reaching etcd through the Kubernetes API: find the etcd pods, work out the client certificates and endpoint each
 * member can use, and run etcdctl in one of them over the exec API (argv only, no shell anywhere), moving on to the
 * next member when one cannot be reached. Commands are written against EtcdConnection.
 */
import { ExitCode } from '../cli/exit-codes.js';
import { ApiClient } from '../kube/api-client.js';
import { missingEtcdError, type NodeJson } from '../kube/cluster-kind.js';
import { ClusterError, EtcdctlError, StreamCutError } from '../kube/errors.js';
import { CommandNotStartedError, execInPod, type ExecResult } from '../kube/exec.js';
import { resolveApiServerAccess } from '../kube/kubeconfig.js';
import type { SpareStdout } from '../kube/stdout-bytes.js';
import { APISERVER_LOCATION, chooseContainer, ETCD_LOCATIONS, findEtcdPods, isReady, listPods, type ContainerJson, type PodJson } from '../kube/pods.js';
import type { ContainerRef, CopiedCertificates, RunInContainer } from './apiserver-cert.js';
import { advertisedClientUrl, commandWords, flagValue, memberClientConfig, type ClientTlsPaths } from './etcd-pod-spec.js';
import { etcdctlArgv, type EtcdctlTarget } from './etcdctl-args.js';

export interface ConnectOptions {
  /** --kubeconfig; otherwise KUBECONFIG, ~/.kube/config, in-cluster, as kubectl resolves them. */
  kubeconfig?: string;
  /** --context */
  context?: string;
  /** --etcd-namespace: look for etcd pods only here. */
  etcdNamespace?: string;
  /** --pod: use this etcd pod (in --etcd-namespace, or where etcd pods are found). */
  pod?: string;
  /** --container: run etcdctl in this container. */
  container?: string;
  /** --cacert, --cert, --key: paths inside the etcd container, used instead of the discovered ones. */
  cacert?: string;
  cert?: string;
  key?: string;
  /** Copy the API server's client certificate (apiserver-etcd-client) into the etcd pod and use it. */
  useApiserverCert?: boolean;
  /** --etcd-prefix: where Kubernetes keeps objects; otherwise from the API server's flags, /registry by default. */
  etcdPrefix?: string;
  /** -v: each step (pod, container, certificates, etcdctl argv) as one line, without secrets. */
  verbose?: (line: string) => void;
  /** Ctrl-C: stops remote commands; the caller then calls close(). Without it, the connection handles SIGINT itself. */
  signal?: AbortSignal;
}

/** One etcd member's pod. */
export interface EtcdPodRef {
  readonly namespace: string;
  readonly name: string;
  /** The container etcdctl runs in. */
  readonly container: string;
  readonly node: string | undefined;
  /** Running with the Ready condition true. */
  readonly ready: boolean;
  /** The URL etcdctl reaches this member at from inside the pod; undefined when ETCDCTL_ENDPOINTS sets it. */
  readonly clientUrl: string | undefined;
}

export interface EtcdctlOptions {
  /** Fed to etcdctl's stdin, then closed (`put` reads binary values from stdin). Needs the v5 exec protocol. */
  readonly stdin?: Uint8Array;
  readonly signal?: AbortSignal;
  /**
   * Receives stdout as it arrives, instead of it being collected (result.stdout is then empty), so passthrough
   * output streams with flat memory; a returned promise holds the stream until it settles (backpressure).
   */
  readonly onStdout?: (chunk: Buffer) => void | Promise<void>;
  /** About how much stdout to expect, when collected: room is made for it up front. */
  readonly expectedStdoutBytes?: number;
  /** Memory to collect stdout into (an earlier output the caller is done with), if it is large enough. */
  readonly spareStdout?: SpareStdout;
  /** Receives stderr as it arrives (it is collected too). */
  readonly onStderr?: (chunk: Buffer) => void;
}

export interface EtcdctlResult {
  readonly stdout: Buffer;
  readonly stderr: string;
}

export interface EtcdConnection {
  /** "etcd pod kube-system/etcd-node1 (container etcd)": the member in use. */
  readonly description: string;
  /** /registry, /kubernetes.io on OpenShift, or --etcd-prefix. */
  readonly keyPrefix: string;
  /** Every etcd pod found, the one in use first. */
  readonly members: readonly EtcdPodRef[];
  /**
   * Runs etcdctl in the pod with `--endpoints` (this member's own URL first, then the other members' advertised
   * ones) and the TLS flags added before `args` (each left out when `args` names it before any `--`). Argv only, no
   * shell; stdout binary-safe.
   * Rejects with an EtcdctlError (non-zero exit: exit code, stdout, stderr) or a ClusterError (RBAC, etcdctl not in
   * the image, connection cut: StreamCutError). When a member cannot be reached (pod gone, its etcd down), the
   * next one is tried, as long as no output was handed to onStdout yet.
   */
  etcdctl(args: readonly string[], options?: EtcdctlOptions): Promise<EtcdctlResult>;
  /**
   * Removes copied certificates; idempotent. Callers that pass ConnectOptions.signal call it when that fires (in a
   * finally); without one, SIGINT/SIGTERM run it while copies exist and then end the process.
   */
  close(): Promise<void>;
}

interface Member {
  readonly pod: PodJson;
  readonly container: ContainerJson;
  readonly ref: EtcdPodRef;
  /** Endpoint and TLS as the spec (or the overrides) give them; certificate copies are made on first use. */
  readonly target: EtcdctlTarget;
  readonly tlsSource: string;
  copies?: Promise<CopiedCertificates>;
}

const OPENSHIFT_PREFIX = '/kubernetes.io';
const DEFAULT_PREFIX = '/registry';

/** etcdctl's complaint when the member it was pointed at does not answer: the request never reached etcd. */
const MEMBER_UNREACHABLE = /connection refused|Error while dialing|dial tcp|no such host|connect: no route/;
/** Deadlines also mean an unreachable member, but a write may have happened: only reads move on after one. */
const DEADLINE = /context deadline exceeded|DeadlineExceeded/;
const READS = new Set(['get', 'endpoint', 'version', 'check']);

function isRead(args: readonly string[], stdin: Uint8Array | undefined): boolean {
  const command = args.find((arg) => !arg.startsWith('-'));
  return stdin === undefined && command !== undefined && (READS.has(command) || (command === 'member' && args.includes('list')));
}

function podName(pod: PodJson): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

/** Whether another member could do better: not when the user is denied, interrupted, or the output was cut. */
function worthTryingNext(error: unknown): boolean {
  return (
    error instanceof ClusterError &&
    !(error instanceof StreamCutError) &&
    !(error instanceof CommandNotStartedError) &&
    error.exitCode !== ExitCode.forbidden &&
    error.exitCode !== ExitCode.interrupted
  );
}

function overrideTls(options: ConnectOptions): ClientTlsPaths | undefined {
  if (!options.cacert && !options.cert && !options.key) return undefined;
  return { cacert: options.cacert, cert: options.cert, key: options.key };
}

async function listApiserverPods(client: ApiClient, signal: AbortSignal | undefined, verbose: (line: string) => void): Promise<readonly PodJson[]> {
  try {
    return await listPods(client, APISERVER_LOCATION.namespace, APISERVER_LOCATION.selector, signal);
  } catch (error) {
    if (!(error instanceof ClusterError) || error.exitCode === ExitCode.interrupted) throw error;
    verbose(`cannot list kube-apiserver pods (${error.message}); going on without their flags`);
    return [];
  }
}

async function listNodes(client: ApiClient, signal: AbortSignal | undefined): Promise<readonly NodeJson[]> {
  try {
    return (await client.getJson<{ items?: NodeJson[] }>('/api/v1/nodes', signal)).items ?? [];
  } catch {
    return [];
  }
}

function apiserverFlag(pod: PodJson | undefined, name: string): string | undefined {
  const container = pod?.spec.containers.find((c) => c.name === 'kube-apiserver') ?? pod?.spec.containers[0];
  return container ? flagValue(commandWords(container), name) : undefined;
}

function keyPrefixFor(options: ConnectOptions, etcdPod: PodJson, apiserver: PodJson | undefined): string {
  if (options.etcdPrefix) return options.etcdPrefix;
  const flag = apiserverFlag(apiserver, 'etcd-prefix');
  if (flag) return flag.startsWith('/') ? flag : `/${flag}`;
  return etcdPod.metadata.namespace === 'openshift-etcd' ? OPENSHIFT_PREFIX : DEFAULT_PREFIX;
}

function describeMember(member: Member): string {
  return `etcd pod ${podName(member.pod)} (container ${member.container.name})`;
}

export async function connectToEtcd(options: ConnectOptions): Promise<EtcdConnection> {
  const verbose = options.verbose ?? (() => undefined);
  const access = await resolveApiServerAccess({ kubeconfig: options.kubeconfig, context: options.context });
  verbose(`API server ${access.server} (${access.description})`);
  const client = new ApiClient(access, { verbose });
  try {
    return await openConnection(client, options, verbose);
  } catch (error) {
    client.close();
    throw error;
  }
}

async function openConnection(
  client: ApiClient,
  options: ConnectOptions,
  verbose: (line: string) => void,
): Promise<EtcdConnection> {
  const { signal } = options;
  const [etcdPods, apiserverPods] = await Promise.all([
    findEtcdPods(client, { namespace: options.etcdNamespace, pod: options.pod }, signal),
    listApiserverPods(client, signal, verbose),
  ]);
  if (etcdPods.length === 0) {
    const looked = options.etcdNamespace
      ? `namespace ${options.etcdNamespace}, labels ${ETCD_LOCATIONS.map((l) => l.selector).join(' or ')}`
      : ETCD_LOCATIONS.map((l) => `${l.selector} in ${l.namespace}`).join(', ');
    throw missingEtcdError({ etcdServers: apiserverFlag(apiserverPods[0], 'etcd-servers'), nodes: await listNodes(client, signal) }, looked);
  }
  const apiserverOn = (node: string | undefined) => apiserverPods.find((p) => p.spec.nodeName === node) ?? apiserverPods[0];
  const tlsOverride = overrideTls(options);

  let members: Member[] = etcdPods.map((pod) => {
    const container = chooseContainer(pod, options.container);
    const config = memberClientConfig(pod, container, apiserverFlag(apiserverOn(pod.spec.nodeName), 'etcd-servers'));
    const tls = tlsOverride ?? config.tls;
    // The other members' advertised URLs follow the member's own: etcdctl's client moves to one of them at once when
    // this member's etcd is down, where a single endpoint would wait out the command timeout.
    const others = etcdPods.filter((other) => other !== pod).map(advertisedClientUrl);
    const endpoints = config.endpoint ? [...new Set([config.endpoint, ...others.filter((url) => url !== undefined)])] : [];
    return {
      pod,
      container,
      target: { endpoints, tls },
      tlsSource: tlsOverride ? '--cacert/--cert/--key' : options.useApiserverCert ? 'the API server' : config.tlsSource,
      ref: {
        namespace: pod.metadata.namespace,
        name: pod.metadata.name,
        container: container.name,
        node: pod.spec.nodeName,
        ready: isReady(pod),
        clientUrl: config.endpoint,
      },
    };
  });
  const first = members[0] as Member;
  const keyPrefix = keyPrefixFor(options, first.pod, apiserverOn(first.pod.spec.nodeName));
  verbose(`etcd pods: ${members.map((m) => `${podName(m.pod)}${m.ref.ready ? '' : ' (not ready)'}`).join(', ')}; using ${podName(first.pod)}`);
  verbose(`key prefix ${keyPrefix}`);

  const run: RunInContainer = (target, argv, stdin) =>
    execInPod(client, { namespace: target.pod.metadata.namespace, pod: target.pod.metadata.name, container: target.container.name, command: argv, stdin });

  const copies: CopiedCertificates[] = [];
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      const pending = await Promise.allSettled(members.map((m) => m.copies).filter((c) => c !== undefined));
      const removals = await Promise.allSettled(pending.flatMap((p) => (p.status === 'fulfilled' ? [p.value.remove()] : [])));
      client.close();
      const failed = removals.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) {
        throw new ClusterError(`could not remove the copied certificates (${copies.map((c) => c.folder).join(', ')}): ${(failed.reason as Error).message}`, ExitCode.error, 'remove them by hand');
      }
    })();
    return closing;
  };
  // While copies of the API server's key sit in an etcd pod, Ctrl-C removes them, then ends the process as the
  // signal would have (which also ends any remote command still running).
  const onSignal = (name: NodeJS.Signals) => {
    void close()
      .catch((error: unknown) => process.stderr.write(`error: ${(error as Error).message}\n`))
      .finally(() => process.kill(process.pid, name));
  };

  const prepare = async (member: Member): Promise<EtcdctlTarget> => {
    if (!options.useApiserverCert || tlsOverride) return member.target;
    // Loaded only here: tar-stream is needed by no other path.
    const { apiserverEtcdFiles, copyApiserverCertificates } = await import('./apiserver-cert.js');
    const apiserverPod = apiserverOn(member.pod.spec.nodeName);
    const apiserverContainer = apiserverPod?.spec.containers.find((c) => apiserverEtcdFiles(c) !== undefined);
    if (!apiserverPod || !apiserverContainer) {
      throw new ClusterError('--use-apiserver-cert: no kube-apiserver pod with --etcd-certfile and --etcd-keyfile flags found in kube-system', ExitCode.error);
    }
    if (!member.copies) {
      // A caller without a signal of its own leaves Ctrl-C to us; one with a signal calls close() when it fires.
      if (!options.signal && copies.length === 0) {
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      }
      const apiserverRef: ContainerRef = { pod: apiserverPod, container: apiserverContainer };
      member.copies = copyApiserverCertificates(run, apiserverRef, member, verbose).then((copied) => {
        copies.push(copied);
        return copied;
      });
    }
    const copied = await member.copies;
    return { endpoints: member.target.endpoints, tls: copied.tls };
  };

  const announced = new Set<Member>();
  const runEtcdctl = async (member: Member, args: readonly string[], etcdctlOptions: EtcdctlOptions, streamed: { any: boolean }): Promise<ExecResult> => {
    const target = await prepare(member);
    const argv = etcdctlArgv(target, args);
    if (!announced.has(member)) {
      announced.add(member);
      verbose(`${describeMember(member)}: certificates from ${member.tlsSource}${target.tls.cert ? ` (${target.tls.cacert}, ${target.tls.cert}, ${target.tls.key})` : ''}`);
    }
    verbose(`exec ${argv.map((a) => JSON.stringify(a)).join(' ')}`);
    const { onStdout } = etcdctlOptions;
    try {
      return await execInPod(client, {
        namespace: member.pod.metadata.namespace,
        pod: member.pod.metadata.name,
        container: member.container.name,
        command: argv,
        stdin: etcdctlOptions.stdin,
        signal: etcdctlOptions.signal && signal ? AbortSignal.any([etcdctlOptions.signal, signal]) : (etcdctlOptions.signal ?? signal),
        onStdout: onStdout
          ? (chunk) => {
              streamed.any = true;
              return onStdout(chunk);
            }
          : undefined,
        onStderr: etcdctlOptions.onStderr,
        expectedStdoutBytes: etcdctlOptions.expectedStdoutBytes,
        spareStdout: etcdctlOptions.spareStdout,
      });
    } catch (error) {
      if (error instanceof CommandNotStartedError && error.missingProgram !== undefined) {
        throw new ClusterError(
          `${error.missingProgram} is not in the image of container ${member.container.name} of pod ${podName(member.pod)} (${member.container.image ?? 'image unknown'})`,
          ExitCode.error,
          'name a container that has etcdctl with --container, or a pod with --pod',
        );
      }
      throw error;
    }
  };

  return {
    get description() {
      return describeMember(members[0] as Member);
    },
    keyPrefix,
    get members() {
      return members.map((m) => m.ref);
    },
    async etcdctl(args, etcdctlOptions = {}) {
      if (closing) throw new Error('etcdctl called after close()');
      const streamed = { any: false };
      let lastError: unknown;
      for (const member of members) {
        const canMoveOn = () => !streamed.any && member !== members[members.length - 1];
        let result: ExecResult;
        try {
          result = await runEtcdctl(member, args, etcdctlOptions, streamed);
        } catch (error) {
          if (!worthTryingNext(error) || !canMoveOn()) throw error;
          verbose(`${describeMember(member)} failed (${(error as Error).message}); trying the next member`);
          lastError = error;
          continue;
        }
        const stderr = result.stderr.toString('utf8');
        if (result.exitCode === 0) {
          if (member !== members[0]) members = [member, ...members.filter((m) => m !== member)];
          return { stdout: result.stdout, stderr };
        }
        const unreachable = MEMBER_UNREACHABLE.test(stderr) || (DEADLINE.test(stderr) && isRead(args, etcdctlOptions.stdin));
        if (!unreachable || !canMoveOn()) throw new EtcdctlError(args, result.exitCode, result.stdout, stderr);
        verbose(`the etcd member of ${podName(member.pod)} does not answer (${stderr.trim().split('\n').pop() ?? ''}); trying the next member`);
        lastError = new EtcdctlError(args, result.exitCode, result.stdout, stderr);
      }
      throw lastError;
    },
    close,
  };
}
