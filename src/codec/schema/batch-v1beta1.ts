import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.batch.v1beta1',
  groupVersion: 'batch/v1beta1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
    core: 'k8s.io.api.core.v1',
    batchv1: 'k8s.io.api.batch.v1',
  },
  messages: {
    JobTemplateSpec: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 batchv1.JobSpec omitempty',
    },
    CronJob: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 CronJobSpec omitempty',
      status: '3 CronJobStatus omitempty',
    },
    CronJobList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []CronJob',
    },
    CronJobSpec: {
      schedule: '1 string',
      timeZone: '8 *string omitempty',
      startingDeadlineSeconds: '2 *int64 omitempty',
      concurrencyPolicy: '3 string omitempty',
      suspend: '4 *bool omitempty',
      jobTemplate: '5 JobTemplateSpec',
      successfulJobsHistoryLimit: '6 *int32 omitempty',
      failedJobsHistoryLimit: '7 *int32 omitempty',
    },
    CronJobStatus: {
      active: '1 []core.ObjectReference omitempty',
      lastScheduleTime: '4 *meta.Time omitempty',
      lastSuccessfulTime: '5 *meta.Time omitempty',
    },
  },
};
