/**
 * The argv etcdctl runs with: the connection flags (endpoint, certificates) in front of the caller's arguments,
 * except those the caller sets itself. Arguments pass verbatim: they become exec `command` parameters, no shell.
 */
import type { ClientTlsPaths } from './etcd-pod-spec.js';

export interface EtcdctlTarget {
  /** --endpoints, the member's own first; empty when etcdctl takes them from its environment. */
  readonly endpoints: readonly string[];
  readonly tls: ClientTlsPaths;
}

/** Flags the caller gave before any `--` (after it come positional arguments, such as a key that looks like a flag). */
function callerFlags(args: readonly string[]): Set<string> {
  const end = args.indexOf('--');
  return new Set(
    (end === -1 ? args : args.slice(0, end))
      .map((arg) => /^--?([\w-]+)/.exec(arg)?.[1])
      .filter((name): name is string => name !== undefined),
  );
}

export function etcdctlArgv(target: EtcdctlTarget, args: readonly string[]): string[] {
  const given = callerFlags(args);
  const flags: string[] = [];
  if (target.endpoints.length > 0 && !given.has('endpoints')) flags.push(`--endpoints=${target.endpoints.join(',')}`);
  for (const name of ['cacert', 'cert', 'key'] as const) {
    const path = target.tls[name];
    if (path && !given.has(name)) flags.push(`--${name}=${path}`);
  }
  return ['etcdctl', ...flags, ...args];
}
