import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.apiserverinternal.v1alpha1',
  groupVersion: 'internal.apiserver.k8s.io/v1alpha1',
  imports: { meta: 'k8s.io.apimachinery.pkg.apis.meta.v1' },
  messages: {
    StorageVersion: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 StorageVersionSpec',
      status: '3 StorageVersionStatus',
    },
    StorageVersionSpec: {},
    StorageVersionStatus: {
      storageVersions: '1 []ServerStorageVersion omitempty',
      commonEncodingVersion: '2 *string omitempty',
      conditions: '3 []StorageVersionCondition omitempty',
    },
    ServerStorageVersion: {
      apiServerID: '1 string omitempty',
      encodingVersion: '2 string omitempty',
      decodableVersions: '3 []string omitempty',
      servedVersions: '4 []string omitempty',
    },
    StorageVersionCondition: {
      type: '1 string',
      status: '2 string',
      observedGeneration: '3 int64 omitempty',
      lastTransitionTime: '4 meta.Time omitempty',
      reason: '5 string',
      message: '6 string omitempty',
    },
    StorageVersionList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []StorageVersion',
    },
  },
};
