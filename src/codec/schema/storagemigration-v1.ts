import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.storagemigration.v1',
  groupVersion: 'storagemigration.k8s.io/v1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  },
  messages: {
    StorageVersionMigration: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 StorageVersionMigrationSpec omitempty',
      status: '3 StorageVersionMigrationStatus omitempty',
    },
    StorageVersionMigrationSpec: {
      resource: '1 meta.GroupResource',
    },
    StorageVersionMigrationStatus: {
      conditions: '1 []meta.Condition omitempty',
      resourceVersion: '2 string omitempty',
    },
    StorageVersionMigrationList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []StorageVersionMigration',
    },
  },
};
