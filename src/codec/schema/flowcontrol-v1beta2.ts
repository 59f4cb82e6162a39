import type { PackageSchema } from './types.js';
import { schema as flowcontrolV1beta1 } from './flowcontrol-v1beta1.js';

/** flowcontrol/v1beta2 has the Go types of flowcontrol/v1beta1 field for field. */
export const schema: PackageSchema = {
  ...flowcontrolV1beta1,
  proto: 'k8s.io.api.flowcontrol.v1beta2',
  groupVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
};
