import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.scheduling.v1beta1',
  groupVersion: 'scheduling.k8s.io/v1beta1',
  imports: {},
  messages: {},
};
