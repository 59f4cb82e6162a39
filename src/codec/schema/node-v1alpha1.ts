import type { PackageSchema } from './types.js';
import { messages as v1 } from './node-v1.js';

/** node/v1alpha1: RuntimeClass nests its fields in a spec; Overhead and Scheduling are v1's field for field. */
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
    Overhead: v1.Overhead,
    Scheduling: v1.Scheduling,
    RuntimeClassList: v1.RuntimeClassList,
  },
};
