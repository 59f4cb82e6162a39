import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.resource.v1',
  groupVersion: 'resource.k8s.io/v1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
    core: 'k8s.io.api.core.v1',
    resource: 'k8s.io.apimachinery.pkg.api.resource',
    runtime: 'k8s.io.apimachinery.pkg.runtime',
  },
  messages: {
    ResourceSlice: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 ResourceSliceSpec',
    },
    ResourceSliceSpec: {
      driver: '1 string',
      pool: '2 ResourcePool',
      nodeName: '3 *string omitempty',
      nodeSelector: '4 *core.NodeSelector omitempty',
      allNodes: '5 *bool omitempty',
      devices: '6 []Device omitempty',
      perDeviceNodeSelection: '7 *bool omitempty',
      sharedCounters: '8 []CounterSet omitempty',
      // Fields from here on are newer than the stored types.go: numbers from the 1.37 fixtures, shapes from the KEPs.
      partitionTypeAttribute: '9 *string omitempty',
      skipNodeOperations: '10 []string omitempty',
    },
    CounterSet: {
      name: '1 string',
      counters: '2 map[string]Counter omitempty',
    },
    ResourcePool: {
      name: '1 string',
      generation: '2 int64',
      resourceSliceCount: '3 int64',
    },
    Device: {
      name: '1 string',
      attributes: '2 map[string]DeviceAttribute omitempty',
      capacity: '3 map[string]DeviceCapacity omitempty',
      consumesCounters: '4 []DeviceCounterConsumption omitempty',
      nodeName: '5 *string omitempty',
      nodeSelector: '6 *core.NodeSelector omitempty',
      allNodes: '7 *bool omitempty',
      taints: '8 []DeviceTaint omitempty',
      bindsToNode: '9 *bool omitempty',
      bindingConditions: '10 []string omitempty',
      bindingFailureConditions: '11 []string omitempty',
      allowMultipleAllocations: '12 *bool omitempty',
      // 1.36 alpha only, gone from 1.37 (number reserved): kept so objects stored by 1.36 decode as 1.36 served them.
      nodeAllocatableResourceMappings: '13 map[string]NodeAllocatableResourceMapping omitempty',
      nodeAllocatableResources: '14 map[string]NodeAllocatableResource omitempty',
    },
    NodeAllocatableResourceMapping: {
      capacityKey: '1 *string omitempty',
      allocationMultiplier: '2 *resource.Quantity omitempty',
    },
    NodeAllocatableResource: {
      mapping: '3 *NodeAllocatableMapping omitempty',
      overhead: '4 *NodeAllocatableOverhead omitempty',
    },
    NodeAllocatableMapping: {
      capacityKey: '1 *string omitempty',
      capacityMultiplier: '2 *resource.Quantity omitempty',
      deviceMultiplier: '3 *resource.Quantity omitempty',
    },
    NodeAllocatableOverhead: {
      perPod: '1 *resource.Quantity omitempty',
      perContainer: '2 *resource.Quantity omitempty',
    },
    DeviceCounterConsumption: {
      counterSet: '1 string',
      counters: '2 map[string]Counter omitempty',
    },
    DeviceCapacity: {
      value: '1 resource.Quantity',
      requestPolicy: '2 *CapacityRequestPolicy omitempty',
    },
    Counter: {
      value: '1 resource.Quantity',
    },
    CapacityRequestPolicy: {
      default: '1 *resource.Quantity',
      validValues: '3 []resource.Quantity omitempty',
      validRange: '4 *CapacityRequestPolicyRange omitempty',
    },
    CapacityRequestPolicyRange: {
      min: '1 *resource.Quantity omitempty',
      max: '2 *resource.Quantity omitempty',
      step: '3 *resource.Quantity omitempty',
    },
    DeviceAttribute: {
      int: '2 *int64 omitempty',
      bool: '3 *bool omitempty',
      string: '4 *string omitempty',
      version: '5 *string omitempty',
      ints: '6 []int64 omitempty',
      bools: '7 []bool omitempty',
      strings: '8 []string omitempty',
      versions: '9 []string omitempty',
    },
    DeviceTaint: {
      key: '1 string',
      value: '2 string omitempty',
      effect: '3 string',
      timeAdded: '4 *meta.Time omitempty',
    },
    ResourceSliceList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []ResourceSlice',
    },
    ResourceClaim: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 ResourceClaimSpec',
      status: '3 ResourceClaimStatus omitempty',
    },
    ResourceClaimSpec: {
      devices: '1 DeviceClaim',
    },
    DeviceClaim: {
      requests: '1 []DeviceRequest',
      constraints: '2 []DeviceConstraint omitempty',
      config: '3 []DeviceClaimConfiguration omitempty',
    },
    DeviceRequest: {
      name: '1 string',
      exactly: '2 *ExactDeviceRequest omitempty',
      firstAvailable: '3 []DeviceSubRequest omitempty',
    },
    ExactDeviceRequest: {
      deviceClassName: '1 string',
      selectors: '2 []DeviceSelector omitempty',
      allocationMode: '3 string omitempty',
      count: '4 int64 omitempty',
      adminAccess: '5 *bool omitempty',
      tolerations: '6 []DeviceToleration omitempty',
      capacity: '7 *CapacityRequirements omitempty',
    },
    DeviceSubRequest: {
      name: '1 string',
      deviceClassName: '2 string',
      selectors: '3 []DeviceSelector omitempty',
      allocationMode: '4 string omitempty',
      count: '5 int64 omitempty',
      tolerations: '6 []DeviceToleration omitempty',
      capacity: '7 *CapacityRequirements omitempty',
    },
    CapacityRequirements: {
      requests: '1 map[string]resource.Quantity omitempty',
    },
    DeviceSelector: {
      cel: '1 *CELDeviceSelector omitempty',
    },
    CELDeviceSelector: {
      expression: '1 string',
    },
    DeviceConstraint: {
      requests: '1 []string omitempty',
      matchAttribute: '2 *string omitempty',
      distinctAttribute: '3 *string omitempty',
    },
    DeviceClaimConfiguration: {
      requests: '1 []string omitempty',
      deviceConfiguration: '2 DeviceConfiguration inline',
    },
    DeviceConfiguration: {
      opaque: '1 *OpaqueDeviceConfiguration omitempty',
    },
    OpaqueDeviceConfiguration: {
      driver: '1 string',
      parameters: '2 runtime.RawExtension',
    },
    DeviceToleration: {
      key: '1 string omitempty',
      operator: '2 string omitempty',
      value: '3 string omitempty',
      effect: '4 string omitempty',
      tolerationSeconds: '5 *int64 omitempty',
    },
    ResourceClaimStatus: {
      allocation: '1 *AllocationResult omitempty',
      reservedFor: '2 []ResourceClaimConsumerReference omitempty',
      devices: '4 []AllocatedDeviceStatus omitempty',
    },
    ResourceClaimConsumerReference: {
      apiGroup: '1 string omitempty',
      resource: '3 string',
      name: '4 string',
      uid: '5 string',
    },
    AllocationResult: {
      devices: '1 DeviceAllocationResult omitempty',
      nodeSelector: '3 *core.NodeSelector omitempty',
      allocationTimestamp: '5 *meta.Time omitempty',
    },
    DeviceAllocationResult: {
      results: '1 []DeviceRequestAllocationResult omitempty',
      config: '2 []DeviceAllocationConfiguration omitempty',
    },
    DeviceRequestAllocationResult: {
      request: '1 string',
      driver: '2 string',
      pool: '3 string',
      device: '4 string',
      adminAccess: '5 *bool omitempty',
      tolerations: '6 []DeviceToleration omitempty',
      bindingConditions: '7 []string omitempty',
      bindingFailureConditions: '8 []string omitempty',
      shareID: '9 *string omitempty',
      consumedCapacity: '10 map[string]resource.Quantity omitempty',
      skipNodeOperations: '11 []string omitempty',
    },
    DeviceAllocationConfiguration: {
      source: '1 string',
      requests: '2 []string omitempty',
      deviceConfiguration: '3 DeviceConfiguration inline',
    },
    ResourceClaimList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []ResourceClaim',
    },
    DeviceClass: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 DeviceClassSpec',
    },
    DeviceClassSpec: {
      selectors: '1 []DeviceSelector omitempty',
      config: '2 []DeviceClassConfiguration omitempty',
      extendedResourceName: '4 *string omitempty',
    },
    DeviceClassConfiguration: {
      deviceConfiguration: '1 DeviceConfiguration inline',
    },
    DeviceClassList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []DeviceClass',
    },
    ResourceClaimTemplate: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 ResourceClaimTemplateSpec',
    },
    ResourceClaimTemplateSpec: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 ResourceClaimSpec',
    },
    ResourceClaimTemplateList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []ResourceClaimTemplate',
    },
    AllocatedDeviceStatus: {
      driver: '1 string',
      pool: '2 string',
      device: '3 string',
      shareID: '7 *string omitempty',
      conditions: '4 []meta.Condition',
      data: '5 *runtime.RawExtension omitempty',
      networkData: '6 *NetworkDeviceData omitempty',
    },
    DeviceTaintRule: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 DeviceTaintRuleSpec',
      status: '3 DeviceTaintRuleStatus omitempty',
    },
    DeviceTaintRuleSpec: {
      deviceSelector: '1 *DeviceTaintSelector omitempty',
      taint: '2 DeviceTaint omitempty',
    },
    DeviceTaintSelector: {
      driver: '2 *string omitempty',
      pool: '3 *string omitempty',
      device: '4 *string omitempty',
    },
    DeviceTaintRuleStatus: {
      conditions: '1 []meta.Condition omitempty',
    },
    DeviceTaintRuleList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []DeviceTaintRule',
    },
    NetworkDeviceData: {
      interfaceName: '1 string omitempty',
      ips: '2 []string omitempty',
      hardwareAddress: '3 string omitempty',
    },
  },
};
