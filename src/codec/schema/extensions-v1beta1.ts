import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.extensions.v1beta1',
  groupVersion: 'extensions/v1beta1',
  imports: {},
  messages: {},
};
