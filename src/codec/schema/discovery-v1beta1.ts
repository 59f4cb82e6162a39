import type { PackageSchema } from './types.js';
import { messages as v1 } from './discovery-v1.js';

/** discovery/v1beta1: Endpoint (topology, no zone) is its own; every other message is v1's field for field. */
export const schema: PackageSchema = {
  proto: 'k8s.io.api.discovery.v1beta1',
  groupVersion: 'discovery.k8s.io/v1beta1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
    core: 'k8s.io.api.core.v1',
  },
  messages: {
    EndpointSlice: v1.EndpointSlice,
    Endpoint: {
      addresses: '1 []string',
      conditions: '2 EndpointConditions omitempty',
      hostname: '3 *string omitempty',
      targetRef: '4 *core.ObjectReference omitempty',
      topology: '5 map[string]string omitempty',
      nodeName: '6 *string omitempty',
      hints: '7 *EndpointHints omitempty',
    },
    EndpointConditions: v1.EndpointConditions,
    EndpointHints: v1.EndpointHints,
    ForZone: v1.ForZone,
    ForNode: v1.ForNode,
    EndpointPort: v1.EndpointPort,
    EndpointSliceList: v1.EndpointSliceList,
  },
};
