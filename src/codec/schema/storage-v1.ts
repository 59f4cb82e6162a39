import type { MessageSpec, PackageSchema } from './types.js';

/** Exported by name so that storage/v1alpha1 can serve the identical messages it shares with v1. */
export const messages = {
  StorageClass: {
    metadata: '1 meta.ObjectMeta omitempty',
    provisioner: '2 string',
    parameters: '3 map[string]string omitempty',
    reclaimPolicy: '4 *string omitempty',
    mountOptions: '5 []string omitempty',
    allowVolumeExpansion: '6 *bool omitempty',
    volumeBindingMode: '7 *string omitempty',
    allowedTopologies: '8 []core.TopologySelectorTerm omitempty',
  },
  StorageClassList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []StorageClass',
  },
  VolumeAttachment: {
    metadata: '1 meta.ObjectMeta omitempty',
    spec: '2 VolumeAttachmentSpec',
    status: '3 VolumeAttachmentStatus omitempty',
  },
  VolumeAttachmentList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []VolumeAttachment',
  },
  VolumeAttachmentSpec: {
    attacher: '1 string',
    source: '2 VolumeAttachmentSource',
    nodeName: '3 string',
  },
  VolumeAttachmentSource: {
    persistentVolumeName: '1 *string omitempty',
    inlineVolumeSpec: '2 *core.PersistentVolumeSpec omitempty',
  },
  VolumeAttachmentStatus: {
    attached: '1 bool',
    attachmentMetadata: '2 map[string]string omitempty',
    attachError: '3 *VolumeError omitempty',
    detachError: '4 *VolumeError omitempty',
  },
  VolumeError: {
    time: '1 meta.Time omitempty',
    message: '2 string omitempty',
    errorCode: '3 *int32 omitempty',
  },
  CSIDriver: {
    metadata: '1 meta.ObjectMeta omitempty',
    spec: '2 CSIDriverSpec',
  },
  CSIDriverList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []CSIDriver',
  },
  CSIDriverSpec: {
    attachRequired: '1 *bool omitempty',
    podInfoOnMount: '2 *bool omitempty',
    volumeLifecycleModes: '3 []string omitempty',
    storageCapacity: '4 *bool omitempty',
    fsGroupPolicy: '5 *string omitempty',
    tokenRequests: '6 []TokenRequest omitempty',
    requiresRepublish: '7 *bool omitempty',
    seLinuxMount: '8 *bool omitempty',
    nodeAllocatableUpdatePeriodSeconds: '9 *int64 omitempty',
    serviceAccountTokenInSecrets: '10 *bool omitempty',
    preventPodSchedulingIfMissing: '11 *bool omitempty',
  },
  TokenRequest: {
    audience: '1 string',
    expirationSeconds: '2 *int64 omitempty',
  },
  CSINode: {
    metadata: '1 meta.ObjectMeta omitempty',
    spec: '2 CSINodeSpec',
    status: '3 CSINodeStatus omitempty',
  },
  CSINodeSpec: {
    drivers: '1 []CSINodeDriver',
  },
  CSINodeDriver: {
    name: '1 string',
    nodeID: '2 string',
    topologyKeys: '3 []string',
    allocatable: '4 *VolumeNodeResources omitempty',
  },
  VolumeNodeResources: {
    count: '1 *int32 omitempty',
  },
  // CSINode status (1.37): numbers and shapes from the HEAD fixture; no Go source was at hand, so the message
  // names and the optional-field flags below are inferred (absent status renders as {} in after_roundtrip).
  CSINodeStatus: {
    storageHealth: '1 []CSIDriverStorageHealth omitempty',
  },
  CSIDriverStorageHealth: {
    name: '1 string',
    healthConditions: '2 []StorageHealthCondition omitempty',
  },
  StorageHealthCondition: {
    status: '1 string',
    reason: '2 string',
    message: '3 string omitempty',
    accessMode: '4 *string omitempty',
    volumeMode: '5 *string omitempty',
    lastTransitionTime: '6 meta.Time omitempty',
  },
  CSINodeList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []CSINode',
  },
  CSIStorageCapacity: {
    metadata: '1 meta.ObjectMeta omitempty',
    nodeTopology: '2 *meta.LabelSelector omitempty',
    storageClassName: '3 string',
    capacity: '4 *resource.Quantity omitempty',
    maximumVolumeSize: '5 *resource.Quantity omitempty',
  },
  CSIStorageCapacityList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []CSIStorageCapacity',
  },
  VolumeAttributesClass: {
    metadata: '1 meta.ObjectMeta omitempty',
    driverName: '2 string',
    parameters: '3 map[string]string omitempty',
  },
  VolumeAttributesClassList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []VolumeAttributesClass',
  },
} as const satisfies Record<string, MessageSpec>;

export const schema: PackageSchema = {
  proto: 'k8s.io.api.storage.v1',
  groupVersion: 'storage.k8s.io/v1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
    core: 'k8s.io.api.core.v1',
    resource: 'k8s.io.apimachinery.pkg.api.resource',
  },
  messages,
};
