import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.batch.v1beta1',
  groupVersion: 'batch/v1beta1',
  imports: {},
  messages: {},
};
