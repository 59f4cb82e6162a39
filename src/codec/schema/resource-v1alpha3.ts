import { schema as resourceV1 } from './resource-v1.js';
import { sameAs, type PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.resource.v1alpha3',
  groupVersion: 'resource.k8s.io/v1alpha3',
  imports: { meta: 'k8s.io.apimachinery.pkg.apis.meta.v1', resource: 'k8s.io.apimachinery.pkg.api.resource' },
  messages: {
    DeviceSelector: sameAs(resourceV1, 'DeviceSelector'),
    CELDeviceSelector: sameAs(resourceV1, 'CELDeviceSelector'),
    DeviceTaint: sameAs(resourceV1, 'DeviceTaint'),
    DeviceTaintRule: sameAs(resourceV1, 'DeviceTaintRule'),
    DeviceTaintRuleSpec: sameAs(resourceV1, 'DeviceTaintRuleSpec'),
    DeviceTaintSelector: sameAs(resourceV1, 'DeviceTaintSelector'),
    DeviceTaintRuleStatus: sameAs(resourceV1, 'DeviceTaintRuleStatus'),
    DeviceTaintRuleList: sameAs(resourceV1, 'DeviceTaintRuleList'),
    ResourcePoolStatusRequest: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 ResourcePoolStatusRequestSpec',
      status: '3 *ResourcePoolStatusRequestStatus omitempty',
    },
    ResourcePoolStatusRequestSpec: {
      driver: '1 string',
      poolName: '2 *string omitempty',
      limit: '3 *int32 omitempty',
      // Newer than the stored types.go: number from the 1.37 fixture, shape from the published OpenAPI.
      defaultPartitionTypeAttribute: '4 *string omitempty',
    },
    ResourcePoolStatusRequestStatus: {
      poolCount: '6 *int32 omitempty',
      pools: '2 []PoolStatus omitempty',
      conditions: '3 []meta.Condition omitempty',
    },
    PoolStatus: {
      driver: '1 string omitempty',
      poolName: '2 string omitempty',
      generation: '9 int64',
      resourceSliceCount: '8 *int32 omitempty',
      totalDevices: '4 *int32 omitempty',
      allocatedDevices: '5 *int32 omitempty',
      availableDevices: '6 *int32 omitempty',
      unavailableDevices: '7 *int32 omitempty',
      nodeName: '3 *string omitempty',
      validationError: '10 *string omitempty',
      partitionSummary: '11 []PartitionTypeStatus omitempty',
      shareableSummary: '13 *ShareableSummaryStatus omitempty',
    },
    // The three summary types below are newer than the stored types.go: numbers from the 1.37 fixture,
    // names and required/optional from the published OpenAPI; Go integer widths are a best guess.
    PartitionTypeStatus: {
      type: '1 string',
      total: '2 int32',
      allocatable: '3 int32',
      attribute: '4 string',
    },
    ShareableSummaryStatus: {
      fullyAvailableDevices: '1 int32',
      partiallyAvailableDevices: '2 int32',
      capacity: '3 []ShareableCapacityStatus omitempty',
    },
    ShareableCapacityStatus: {
      name: '1 string',
      total: '2 resource.Quantity',
      consumed: '3 resource.Quantity',
      available: '4 resource.Quantity',
    },
    ResourcePoolStatusRequestList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []ResourcePoolStatusRequest',
    },
  },
};
