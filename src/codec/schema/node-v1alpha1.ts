import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.node.v1alpha1',
  groupVersion: 'node.k8s.io/v1alpha1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
    core: 'k8s.io.api.core.v1',
    resource: 'k8s.io.apimachinery.pkg.api.resource',
  },
  messages: {
    RuntimeClass: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 RuntimeClassSpec',
    },
    RuntimeClassSpec: {
      runtimeHandler: '1 string',
      overhead: '2 *Overhead omitempty',
      scheduling: '3 *Scheduling omitempty',
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
  },
};
