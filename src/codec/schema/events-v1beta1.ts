import type { PackageSchema } from './types.js';
import { schema as eventsV1 } from './events-v1.js';

/** events/v1beta1 has the Go types of events/v1 field for field. */
export const schema: PackageSchema = {
  ...eventsV1,
  proto: 'k8s.io.api.events.v1beta1',
  groupVersion: 'events.k8s.io/v1beta1',
};
