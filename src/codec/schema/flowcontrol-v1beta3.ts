import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.flowcontrol.v1beta3',
  groupVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
  imports: {},
  messages: {},
};
