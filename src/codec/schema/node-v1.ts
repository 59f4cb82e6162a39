import type { MessageSpec, PackageSchema } from './types.js';

/** Exported by name so that other versions can serve the messages they share with this one. */
export const messages = {
  RuntimeClass: {
    metadata: '1 meta.ObjectMeta omitempty',
    handler: '2 string',
    overhead: '3 *Overhead omitempty',
    scheduling: '4 *Scheduling omitempty',
  },
  Overhead: {
    podFixed: '1 map[string]resource.Quantity omitempty',
  },
  Scheduling: {
    nodeSelector: '1 map[string]string omitempty',
    tolerations: '2 []core.Toleration omitempty',
  },
  RuntimeClassList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []RuntimeClass',
  },
} as const satisfies Record<string, MessageSpec>;

export const schema: PackageSchema = {
  proto: 'k8s.io.api.node.v1',
  groupVersion: 'node.k8s.io/v1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
    core: 'k8s.io.api.core.v1',
    resource: 'k8s.io.apimachinery.pkg.api.resource',
  },
  messages,
};
