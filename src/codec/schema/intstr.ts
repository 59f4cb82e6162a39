import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.apimachinery.pkg.util.intstr',
  groupVersion: null,
  imports: {},
  messages: {
    IntOrString: { $codec: 'intorstring', type: '1 int64', intVal: '2 int32', strVal: '3 string' },
  },
};
