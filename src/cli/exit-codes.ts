/** What kubectl-etcd's exit status means; documented in the README's troubleshooting section. */
export const ExitCode = {
  ok: 0,
  /** An error: the thing asked for is not there, or the command failed. */
  error: 1,
  /** The command line is wrong. */
  usage: 2,
  /** Some values were printed as undecodable or still encrypted: the output is not the whole object set. */
  partial: 3,
  /** The cluster could not be reached, or it has no etcd the plugin can reach. */
  unreachable: 4,
  /** The Kubernetes API refused: RBAC. */
  forbidden: 5,
  /** Stopped by Ctrl-C. */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error meant for a person: printed as `error: <message>` (and a hint), never as a stack trace. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode: ExitCodeValue = ExitCode.error, readonly hint?: string) {
    super(message);
    this.name = 'UserError';
  }
}
