import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.apimachinery.pkg.runtime',
  groupVersion: null,
  imports: {},
  messages: {
    TypeMeta: {
      apiVersion: '1 string omitempty',
      kind: '2 string omitempty',
    },
    RawExtension: { $codec: 'rawjson', raw: '1 bytes' },
    Unknown: {
      typeMeta: '1 TypeMeta inline',
      raw: '2 bytes',
      contentEncoding: '3 string',
      contentType: '4 string',
    },
  },
};
