import type { PackageSchema } from './types.js';
import { admissionPolicyMessages, schema as admissionregistrationV1 } from './admissionregistration-v1.js';

/** admissionregistration/v1alpha1 has the admission policy types of v1 and v1beta1 field for field, and no webhooks. */
export const schema: PackageSchema = {
  proto: 'k8s.io.api.admissionregistration.v1alpha1',
  groupVersion: 'admissionregistration.k8s.io/v1alpha1',
  imports: admissionregistrationV1.imports,
  messages: admissionPolicyMessages,
};
