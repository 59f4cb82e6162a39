import type { MessageSpec, PackageSchema } from './types.js';

/** Exported by name so that other versions can serve the messages they share with this one. */
export const messages = {
  EndpointSlice: {
    metadata: '1 meta.ObjectMeta omitempty',
    addressType: '4 string',
    endpoints: '2 []Endpoint',
    ports: '3 []EndpointPort',
  },
  Endpoint: {
    addresses: '1 []string',
    conditions: '2 EndpointConditions omitempty',
    hostname: '3 *string omitempty',
    targetRef: '4 *core.ObjectReference omitempty',
    deprecatedTopology: '5 map[string]string omitempty',
    nodeName: '6 *string omitempty',
    zone: '7 *string omitempty',
    hints: '8 *EndpointHints omitempty',
  },
  EndpointConditions: {
    ready: '1 *bool omitempty',
    serving: '2 *bool omitempty',
    terminating: '3 *bool omitempty',
  },
  EndpointHints: {
    forZones: '1 []ForZone omitempty',
    forNodes: '2 []ForNode omitempty',
  },
  ForZone: {
    name: '1 string',
  },
  ForNode: {
    name: '1 string',
  },
  EndpointPort: {
    name: '1 *string omitempty',
    protocol: '2 *string omitempty',
    port: '3 *int32 omitempty',
    appProtocol: '4 *string omitempty',
  },
  EndpointSliceList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []EndpointSlice',
  },
} as const satisfies Record<string, MessageSpec>;

export const schema: PackageSchema = {
  proto: 'k8s.io.api.discovery.v1',
  groupVersion: 'discovery.k8s.io/v1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
    core: 'k8s.io.api.core.v1',
  },
  messages,
};
