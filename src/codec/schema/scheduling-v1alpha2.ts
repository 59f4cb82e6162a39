import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.scheduling.v1alpha2',
  groupVersion: 'scheduling.k8s.io/v1alpha2',
  imports: {},
  messages: {},
};
