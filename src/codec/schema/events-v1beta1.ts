import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.events.v1beta1',
  groupVersion: 'events.k8s.io/v1beta1',
  imports: {},
  messages: {},
};
