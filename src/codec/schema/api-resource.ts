import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.apimachinery.pkg.api.resource',
  groupVersion: null,
  imports: {},
  messages: {
    Quantity: { $codec: 'quantity', string: '1 string' },
    QuantityValue: { $codec: 'quantity', string: '1 string' },
  },
};
