import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.flowcontrol.v1beta2',
  groupVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
  imports: {},
  messages: {},
};
