import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.scheduling.v1alpha3',
  groupVersion: 'scheduling.k8s.io/v1alpha3',
  imports: {},
  messages: {},
};
