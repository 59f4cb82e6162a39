import type { PackageSchema } from './types.js';
import { schema as resourceV1 } from './resource-v1.js';

// v1beta1 requests are flat (no ExactDeviceRequest) and it has no DeviceTaintRule.
const {
  ExactDeviceRequest: _exact,
  DeviceTaintRule: _rule,
  DeviceTaintRuleSpec: _ruleSpec,
  DeviceTaintSelector: _ruleSelector,
  DeviceTaintRuleStatus: _ruleStatus,
  DeviceTaintRuleList: _ruleList,
  ...v1Messages
} = resourceV1.messages;

/** resource/v1beta1: v1's types, but a Device wraps a BasicDevice and a DeviceRequest carries its exact request inline. */
export const schema: PackageSchema = {
  proto: 'k8s.io.api.resource.v1beta1',
  groupVersion: 'resource.k8s.io/v1beta1',
  imports: resourceV1.imports,
  messages: {
    ...v1Messages,
    ResourceSliceSpec: {
      driver: '1 string',
      pool: '2 ResourcePool',
      nodeName: '3 string omitempty',
      nodeSelector: '4 *core.NodeSelector omitempty',
      allNodes: '5 bool omitempty',
      devices: '6 []Device',
      perDeviceNodeSelection: '7 *bool omitempty',
      sharedCounters: '8 []CounterSet omitempty',
      // Fields from here on are newer than the stored types.go: numbers from the 1.37 fixtures, shapes from the KEPs.
      partitionTypeAttribute: '9 *string omitempty',
      skipNodeOperations: '10 []string omitempty',
    },
    Device: {
      name: '1 string',
      basic: '2 *BasicDevice omitempty',
    },
    BasicDevice: {
      attributes: '1 map[string]DeviceAttribute omitempty',
      capacity: '2 map[string]DeviceCapacity omitempty',
      consumesCounters: '3 []DeviceCounterConsumption omitempty',
      nodeName: '4 *string omitempty',
      nodeSelector: '5 *core.NodeSelector omitempty',
      allNodes: '6 *bool omitempty',
      taints: '7 []DeviceTaint omitempty',
      bindsToNode: '8 *bool omitempty',
      bindingConditions: '9 []string omitempty',
      bindingFailureConditions: '10 []string omitempty',
      allowMultipleAllocations: '11 *bool omitempty',
      // 1.36 alpha only, see resource/v1 Device.
      nodeAllocatableResourceMappings: '12 map[string]NodeAllocatableResourceMapping omitempty',
      nodeAllocatableResources: '14 map[string]NodeAllocatableResource omitempty',
    },
    DeviceRequest: {
      name: '1 string',
      deviceClassName: '2 string',
      selectors: '3 []DeviceSelector omitempty',
      allocationMode: '4 string omitempty',
      count: '5 int64 omitempty',
      adminAccess: '6 *bool omitempty',
      firstAvailable: '7 []DeviceSubRequest omitempty',
      tolerations: '8 []DeviceToleration omitempty',
      capacity: '9 *CapacityRequirements omitempty',
    },
    DeviceSubRequest: {
      name: '1 string',
      deviceClassName: '2 string',
      selectors: '3 []DeviceSelector omitempty',
      allocationMode: '4 string omitempty',
      count: '5 int64 omitempty',
      tolerations: '7 []DeviceToleration omitempty',
      capacity: '8 *CapacityRequirements omitempty',
    },
  },
};
