/**
 * The namespace a namespaced resource is read from when -n is not given: kubectl's, the kubeconfig context's
 * (--kubeconfig, KUBECONFIG or ~/.kube/config; --context), else `default`. Read from files only and only when a
 * command needs it, so it costs nothing for keys and cluster-scoped resources, and never fails a command: with
 * --snapshot no cluster is needed, and a missing or broken kubeconfig means `default`.
 */
import type { ClusterArgs } from './cluster-options.js';

export const NAMESPACE_HELP = "namespace of a namespaced resource (default: the kubeconfig context's namespace, else default)";

/** Resolves the namespace when called; with -v, says which one and why. */
export function contextNamespace(args: ClusterArgs): () => Promise<string> {
  return async () => {
    const { resolveDefaultNamespace } = await import('../kube/kubeconfig.js');
    const { namespace, from } = await resolveDefaultNamespace({ kubeconfig: args.kubeconfig, context: args.context });
    if (args.verbose === true) process.stderr.write(`namespace ${namespace} (${from})\n`);
    return namespace;
  };
}
