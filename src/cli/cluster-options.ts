/**
 * What every command that reaches etcd shares: the flags that say how to find it (kubeconfig, context, pod,
 * certificates, key prefix), -v, opening the connection (loaded only when a command runs, so start-up stays
 * small), Ctrl-C, and asking before a write.
 */
import type { Argv } from 'yargs';
import type { ConnectOptions, EtcdConnection } from '../etcd/connect.js';
import { ExitCode, UserError } from './exit-codes.js';

export interface ClusterArgs {
  kubeconfig?: string;
  context?: string;
  'etcd-namespace'?: string;
  pod?: string;
  container?: string;
  cacert?: string;
  cert?: string;
  key?: string;
  'use-apiserver-cert'?: boolean;
  'etcd-prefix'?: string;
  verbose?: boolean;
}

const CLUSTER_GROUP = 'Cluster flags:';

export function withClusterOptions<T>(yargs: Argv<T>): Argv<T & ClusterArgs> {
  return yargs
    .option('kubeconfig', { type: 'string', describe: 'kubeconfig file (default: KUBECONFIG, ~/.kube/config, in-cluster)' })
    .option('context', { type: 'string', describe: 'kubeconfig context to use' })
    .option('etcd-namespace', { type: 'string', describe: 'namespace of the etcd pods (default: kube-system, then openshift-etcd)' })
    .option('pod', { type: 'string', describe: 'etcd pod to run etcdctl in' })
    .option('container', { type: 'string', describe: 'container of the etcd pod to run etcdctl in' })
    .option('cacert', { type: 'string', describe: 'CA certificate path inside the etcd container' })
    .option('cert', { type: 'string', describe: 'client certificate path inside the etcd container' })
    .option('key', { type: 'string', describe: 'client key path inside the etcd container' })
    .option('use-apiserver-cert', { type: 'boolean', describe: "copy the API server's etcd client certificate into the etcd pod and use it (removed afterwards)" })
    .option('etcd-prefix', { type: 'string', describe: 'key prefix Kubernetes stores objects under (default: from the API server, /registry)' })
    .option('verbose', { alias: 'v', type: 'boolean', describe: 'show the pod, container, certificate paths and etcdctl argv on stderr' })
    .group(['kubeconfig', 'context', 'etcd-namespace', 'pod', 'container', 'cacert', 'cert', 'key', 'use-apiserver-cert', 'etcd-prefix', 'verbose'], CLUSTER_GROUP) as Argv<T & ClusterArgs>;
}

export function connectOptions(args: ClusterArgs, signal: AbortSignal): ConnectOptions {
  return {
    kubeconfig: args.kubeconfig,
    context: args.context,
    etcdNamespace: args['etcd-namespace'],
    pod: args.pod,
    container: args.container,
    cacert: args.cacert,
    cert: args.cert,
    key: args.key,
    useApiserverCert: args['use-apiserver-cert'],
    etcdPrefix: args['etcd-prefix'],
    verbose: args.verbose === true ? (line) => process.stderr.write(`${line}\n`) : undefined,
    signal,
  };
}

/**
 * Connects to etcd, runs `work`, and closes the connection whatever happens. Ctrl-C aborts the signal `work`
 * receives (remote commands stop, certificate copies are removed) and ends the command with exit status 130.
 */
export async function withEtcd<T>(args: ClusterArgs, work: (connection: EtcdConnection, signal: AbortSignal) => Promise<T>): Promise<T> {
  const interrupt = new AbortController();
  const onInterrupt = () => interrupt.abort();
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  let connection: EtcdConnection | undefined;
  try {
    const { connectToEtcd } = await import('../etcd/connect.js');
    connection = await connectToEtcd(connectOptions(args, interrupt.signal));
    return await work(connection, interrupt.signal);
  } catch (error) {
    if (interrupt.signal.aborted) throw new UserError('interrupted', ExitCode.interrupted);
    throw error;
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    await connection?.close();
  }
}

// ---- writes ----

export interface WriteArgs {
  yes?: boolean;
}

export function withWriteOptions<T>(yargs: Argv<T>): Argv<T & WriteArgs> {
  return yargs.option('yes', { alias: 'y', type: 'boolean', describe: 'write without asking (required when stdin is not a terminal)' }) as Argv<T & WriteArgs>;
}

export async function askOnTerminal(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await terminal.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    terminal.close();
  }
}

/**
 * kubectl-etcd only writes when asked to: with --yes, or after a "y" typed on the terminal. Without a terminal
 * and without --yes it refuses, having changed nothing.
 */
export async function confirmWrite(args: WriteArgs, what: string): Promise<void> {
  if (args.yes === true) return;
  if (process.stdin.isTTY !== true) {
    throw new UserError(`refusing to ${what} without --yes: stdin is not a terminal to confirm on`, ExitCode.error, 'writing to etcd bypasses the API server (no validation, admission or watch consistency); pass --yes once you are sure');
  }
  if (!(await askOnTerminal(`${what}?`))) throw new UserError(`not confirmed: nothing was changed`, ExitCode.error);
}
