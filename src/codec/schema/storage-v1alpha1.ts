import type { PackageSchema } from './types.js';
import { messages as v1, schema as storageV1 } from './storage-v1.js';

/** storage/v1alpha1 serves three of the storage/v1 kinds, with the same Go types field for field. */
export const schema: PackageSchema = {
  proto: 'k8s.io.api.storage.v1alpha1',
  groupVersion: 'storage.k8s.io/v1alpha1',
  imports: storageV1.imports,
  messages: {
    VolumeAttachment: v1.VolumeAttachment,
    VolumeAttachmentList: v1.VolumeAttachmentList,
    VolumeAttachmentSpec: v1.VolumeAttachmentSpec,
    VolumeAttachmentSource: v1.VolumeAttachmentSource,
    VolumeAttachmentStatus: v1.VolumeAttachmentStatus,
    VolumeError: v1.VolumeError,
    CSIStorageCapacity: v1.CSIStorageCapacity,
    CSIStorageCapacityList: v1.CSIStorageCapacityList,
    VolumeAttributesClass: v1.VolumeAttributesClass,
    VolumeAttributesClassList: v1.VolumeAttributesClassList,
  },
};
