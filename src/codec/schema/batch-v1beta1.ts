import { schema as batchV1 } from './batch-v1.js';
import { sameAs, type PackageSchema } from './types.js';

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
    CronJob: sameAs(batchV1, 'CronJob'),
    CronJobList: sameAs(batchV1, 'CronJobList'),
    CronJobSpec: sameAs(batchV1, 'CronJobSpec'),
    CronJobStatus: sameAs(batchV1, 'CronJobStatus'),
  },
};
