/** What the start-up snapshot preloads: the modules of the offline commands and the schemas of common kinds. */
const commonKinds: ReadonlyArray<readonly [string, string]> = [
  ['v1', 'Pod'], ['v1', 'ConfigMap'], ['v1', 'Secret'], ['v1', 'Service'], ['v1', 'Endpoints'], ['v1', 'Namespace'],
  ['v1', 'Node'], ['v1', 'Event'], ['v1', 'ServiceAccount'], ['apps/v1', 'Deployment'], ['apps/v1', 'ReplicaSet'],
  ['apps/v1', 'DaemonSet'], ['apps/v1', 'StatefulSet'], ['coordination.k8s.io/v1', 'Lease'],
  ['discovery.k8s.io/v1', 'EndpointSlice'], ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
];

export async function warmUpCommands(): Promise<void> {
  await Promise.all([
    import('../codec/input-format.js'), import('../render/output.js'), import('../render/stored-object.js'), import('../render/warnings.js'),
  ]);
  const { schemaRegistry } = await import('../codec/schema/registry.js');
  const registry = schemaRegistry();
  for (const [apiVersion, kind] of commonKinds) registry.messageForKind(apiVersion, kind);
}
