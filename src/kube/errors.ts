/**
 * Errors met while reaching etcd through the Kubernetes API, worded for a person and carrying the exit status the
 * CLI ends with (4 unreachable, 5 forbidden, 1 otherwise).
 */
import { ExitCode, UserError, type ExitCodeValue } from '../cli/exit-codes.js';

/** The cluster refused or failed: no etcd pod, RBAC denial, pod or container missing, connection lost. */
export class ClusterError extends UserError {
  constructor(message: string, exitCode: ExitCodeValue = ExitCode.unreachable, hint?: string) {
    super(message, exitCode, hint);
    this.name = 'ClusterError';
  }
}

/** The exec connection ended before the remote command reported its exit status: the output is incomplete. */
export class StreamCutError extends ClusterError {
  constructor(readonly what: string, readonly receivedBytes: number) {
    super(
      `the connection to the API server was cut while ${what} was running (${receivedBytes} bytes received, no exit status): the output is incomplete`,
      ExitCode.unreachable,
    );
    this.name = 'StreamCutError';
  }
}

/** etcdctl ran and exited non-zero; what it printed is kept (endpoint health prints results and fails). */
export class EtcdctlError extends UserError {
  constructor(
    readonly argv: readonly string[],
    readonly etcdctlExitCode: number,
    readonly stdout: Buffer,
    readonly stderr: string,
  ) {
    super(`etcdctl ${argv[0] ?? ''} failed (exit code ${etcdctlExitCode}): ${lastLine(stderr) || 'no message'}`, ExitCode.error);
    this.name = 'EtcdctlError';
  }
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines[lines.length - 1] ?? '').trim();
}
