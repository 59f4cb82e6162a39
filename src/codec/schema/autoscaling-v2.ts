import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.autoscaling.v2',
  groupVersion: 'autoscaling/v2',
  imports: {},
  messages: {},
};
