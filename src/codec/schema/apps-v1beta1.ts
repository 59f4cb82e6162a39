import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.apps.v1beta1',
  groupVersion: 'apps/v1beta1',
  imports: {},
  messages: {},
};
