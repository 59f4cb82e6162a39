import type { PackageSchema } from './types.js';
import { schema as flowcontrolV1 } from './flowcontrol-v1.js';

/** flowcontrol/v1beta1 is flowcontrol/v1 with the older, required assuredConcurrencyShares. */
export const schema: PackageSchema = {
  proto: 'k8s.io.api.flowcontrol.v1beta1',
  groupVersion: 'flowcontrol.apiserver.k8s.io/v1beta1',
  imports: flowcontrolV1.imports,
  messages: {
    ...flowcontrolV1.messages,
    LimitedPriorityLevelConfiguration: {
      assuredConcurrencyShares: '1 int32',
      limitResponse: '2 LimitResponse omitempty',
      lendablePercent: '3 *int32 omitempty',
      borrowingLimitPercent: '4 *int32 omitempty',
    },
  },
};
