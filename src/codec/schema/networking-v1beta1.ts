import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.networking.v1beta1',
  groupVersion: 'networking.k8s.io/v1beta1',
  imports: {},
  messages: {},
};
