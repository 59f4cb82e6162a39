import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.autoscaling.v1',
  groupVersion: 'autoscaling/v1',
  imports: {},
  messages: {},
};
