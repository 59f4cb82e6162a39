import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.lifecycle.v1alpha1',
  groupVersion: 'lifecycle.k8s.io/v1alpha1',
  imports: { meta: 'k8s.io.apimachinery.pkg.apis.meta.v1' },
  messages: {
    EvictionRequest: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 EvictionRequestSpec',
      status: '3 EvictionRequestStatus omitempty',
    },
    EvictionRequestSpec: {
      target: '1 EvictionRequestTarget',
      requester: '2 string',
      intent: '3 string',
    },
    EvictionRequestTarget: {
      pod: '1 *EvictionRequestPodReference omitempty',
    },
    EvictionRequestPodReference: {
      name: '1 string',
      uid: '2 string',
    },
    EvictionRequestStatus: {
      conditions: '1 []meta.Condition omitempty',
      observedGeneration: '2 *int64 omitempty',
    },
    EvictionRequestList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []EvictionRequest',
    },
    Eviction: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 EvictionSpec',
      status: '3 EvictionStatus omitempty',
    },
    EvictionSpec: {
      target: '1 EvictionTarget',
    },
    EvictionTarget: {
      pod: '1 *EvictionPodReference omitempty',
    },
    EvictionPodReference: {
      name: '1 string',
      uid: '2 string',
    },
    EvictionStatus: {
      conditions: '1 []meta.Condition omitempty',
      observedGeneration: '2 *int64 omitempty',
      requesters: '3 []Requester omitempty',
      targetResponders: '4 []TargetResponder omitempty',
      responders: '5 []ResponderStatus omitempty',
    },
    Requester: {
      name: '1 string',
      intent: '2 string',
    },
    TargetResponder: {
      name: '1 string',
      priority: '2 *int32',
      state: '3 string',
    },
    ResponderStatus: {
      name: '1 string',
      startTime: '2 *meta.Time omitempty',
      heartbeatTime: '3 *meta.Time omitempty',
      expectedCompletionTime: '4 *meta.Time omitempty',
      completionTime: '5 *meta.Time omitempty',
      message: '6 *string omitempty',
    },
    EvictionList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []Eviction',
    },
  },
};
