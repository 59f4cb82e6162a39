import type { MessageSpec, PackageSchema } from './types.js';

/** Exported by name so that other versions can serve the messages they share with this one. */
export const messages = {
  PriorityClass: {
    metadata: '1 meta.ObjectMeta omitempty',
    value: '2 int32',
    globalDefault: '3 bool omitempty',
    description: '4 string omitempty',
    preemptionPolicy: '5 *string omitempty',
  },
  PriorityClassList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []PriorityClass',
  },
} as const satisfies Record<string, MessageSpec>;

export const schema: PackageSchema = {
  proto: 'k8s.io.api.scheduling.v1',
  groupVersion: 'scheduling.k8s.io/v1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  },
  messages,
};
