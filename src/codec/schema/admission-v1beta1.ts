import type { PackageSchema } from './types.js';
import { schema as admissionV1 } from './admission-v1.js';

/** admission/v1beta1 has the Go types of admission/v1 field for field. */
export const schema: PackageSchema = {
  ...admissionV1,
  proto: 'k8s.io.api.admission.v1beta1',
  groupVersion: 'admission.k8s.io/v1beta1',
};
