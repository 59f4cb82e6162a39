import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.events.v1beta1',
  groupVersion: 'events.k8s.io/v1beta1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
    core: 'k8s.io.api.core.v1',
  },
  messages: {
    Event: {
      metadata: '1 meta.ObjectMeta',
      eventTime: '2 meta.MicroTime',
      series: '3 *EventSeries omitempty',
      reportingController: '4 string omitempty',
      reportingInstance: '5 string omitempty',
      action: '6 string omitempty',
      reason: '7 string omitempty',
      regarding: '8 core.ObjectReference omitempty',
      related: '9 *core.ObjectReference omitempty',
      note: '10 string omitempty',
      type: '11 string omitempty',
      deprecatedSource: '12 core.EventSource omitempty',
      deprecatedFirstTimestamp: '13 meta.Time omitempty',
      deprecatedLastTimestamp: '14 meta.Time omitempty',
      deprecatedCount: '15 int32 omitempty',
    },
    EventSeries: {
      count: '1 int32',
      lastObservedTime: '2 meta.MicroTime',
    },
    EventList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []Event',
    },
  },
};
