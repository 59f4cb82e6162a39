import type { PackageSchema } from './types.js';
import { schema as appsV1 } from './apps-v1.js';

/** apps/v1beta2 has the Go types of apps/v1 field for field, plus its own Scale subresource. */
export const schema: PackageSchema = {
  proto: 'k8s.io.api.apps.v1beta2',
  groupVersion: 'apps/v1beta2',
  imports: appsV1.imports,
  messages: {
    ScaleSpec: {
      replicas: '1 int32 omitempty',
    },
    ScaleStatus: {
      replicas: '1 int32',
      selector: '2 map[string]string omitempty',
      targetSelector: '3 string omitempty',
    },
    Scale: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 ScaleSpec omitempty',
      status: '3 ScaleStatus omitempty',
    },
    ...appsV1.messages,
  },
};
