/** Every package of the schema. Order does not matter: packages are compiled lazily, on first use. */
import type { PackageSchema } from './types.js';
import { schema as coreV1 } from './core-v1.js';
import { schema as metaV1 } from './meta-v1.js';
import { schema as runtime } from './runtime.js';
import { schema as intstr } from './intstr.js';
import { schema as apiResource } from './api-resource.js';
import { schema as appsV1 } from './apps-v1.js';
import { schema as appsV1beta1 } from './apps-v1beta1.js';
import { schema as appsV1beta2 } from './apps-v1beta2.js';
import { schema as extensionsV1beta1 } from './extensions-v1beta1.js';
import { schema as batchV1 } from './batch-v1.js';
import { schema as batchV1beta1 } from './batch-v1beta1.js';
import { schema as autoscalingV1 } from './autoscaling-v1.js';
import { schema as autoscalingV2 } from './autoscaling-v2.js';
import { schema as policyV1 } from './policy-v1.js';
import { schema as policyV1beta1 } from './policy-v1beta1.js';
import { schema as networkingV1 } from './networking-v1.js';
import { schema as networkingV1beta1 } from './networking-v1beta1.js';
import { schema as discoveryV1 } from './discovery-v1.js';
import { schema as discoveryV1beta1 } from './discovery-v1beta1.js';
import { schema as eventsV1 } from './events-v1.js';
import { schema as eventsV1beta1 } from './events-v1beta1.js';
import { schema as coordinationV1 } from './coordination-v1.js';
import { schema as coordinationV1beta1 } from './coordination-v1beta1.js';
import { schema as coordinationV1alpha2 } from './coordination-v1alpha2.js';
import { schema as nodeV1 } from './node-v1.js';
import { schema as nodeV1beta1 } from './node-v1beta1.js';
import { schema as nodeV1alpha1 } from './node-v1alpha1.js';
import { schema as schedulingV1 } from './scheduling-v1.js';
import { schema as schedulingV1beta1 } from './scheduling-v1beta1.js';
import { schema as schedulingV1alpha2 } from './scheduling-v1alpha2.js';
import { schema as schedulingV1alpha3 } from './scheduling-v1alpha3.js';
import { schema as rbacV1 } from './rbac-v1.js';
import { schema as rbacV1beta1 } from './rbac-v1beta1.js';
import { schema as rbacV1alpha1 } from './rbac-v1alpha1.js';
import { schema as storageV1 } from './storage-v1.js';
import { schema as storageV1beta1 } from './storage-v1beta1.js';
import { schema as storageV1alpha1 } from './storage-v1alpha1.js';
import { schema as storagemigrationV1 } from './storagemigration-v1.js';
import { schema as storagemigrationV1beta1 } from './storagemigration-v1beta1.js';
import { schema as certificatesV1 } from './certificates-v1.js';
import { schema as certificatesV1beta1 } from './certificates-v1beta1.js';
import { schema as certificatesV1alpha1 } from './certificates-v1alpha1.js';
import { schema as authenticationV1 } from './authentication-v1.js';
import { schema as authenticationV1beta1 } from './authentication-v1beta1.js';
import { schema as authorizationV1 } from './authorization-v1.js';
import { schema as authorizationV1beta1 } from './authorization-v1beta1.js';
import { schema as admissionV1 } from './admission-v1.js';
import { schema as admissionV1beta1 } from './admission-v1beta1.js';
import { schema as admissionregistrationV1 } from './admissionregistration-v1.js';
import { schema as admissionregistrationV1beta1 } from './admissionregistration-v1beta1.js';
import { schema as admissionregistrationV1alpha1 } from './admissionregistration-v1alpha1.js';
import { schema as flowcontrolV1 } from './flowcontrol-v1.js';
import { schema as flowcontrolV1beta1 } from './flowcontrol-v1beta1.js';
import { schema as flowcontrolV1beta2 } from './flowcontrol-v1beta2.js';
import { schema as flowcontrolV1beta3 } from './flowcontrol-v1beta3.js';
import { schema as resourceV1 } from './resource-v1.js';
import { schema as resourceV1beta1 } from './resource-v1beta1.js';
import { schema as resourceV1beta2 } from './resource-v1beta2.js';
import { schema as resourceV1alpha3 } from './resource-v1alpha3.js';
import { schema as imagepolicyV1alpha1 } from './imagepolicy-v1alpha1.js';
import { schema as apiserverinternalV1alpha1 } from './apiserverinternal-v1alpha1.js';
import { schema as apidiscoveryV2 } from './apidiscovery-v2.js';
import { schema as apidiscoveryV2beta1 } from './apidiscovery-v2beta1.js';
import { schema as lifecycleV1alpha1 } from './lifecycle-v1alpha1.js';
import { schema as apiextensionsV1 } from './apiextensions-v1.js';
import { schema as apiextensionsV1beta1 } from './apiextensions-v1beta1.js';
import { schema as apiregistrationV1 } from './apiregistration-v1.js';
import { schema as apiregistrationV1beta1 } from './apiregistration-v1beta1.js';

export const allPackages: readonly PackageSchema[] = [
  coreV1,
  metaV1,
  runtime,
  intstr,
  apiResource,
  appsV1,
  appsV1beta1,
  appsV1beta2,
  extensionsV1beta1,
  batchV1,
  batchV1beta1,
  autoscalingV1,
  autoscalingV2,
  policyV1,
  policyV1beta1,
  networkingV1,
  networkingV1beta1,
  discoveryV1,
  discoveryV1beta1,
  eventsV1,
  eventsV1beta1,
  coordinationV1,
  coordinationV1beta1,
  coordinationV1alpha2,
  nodeV1,
  nodeV1beta1,
  nodeV1alpha1,
  schedulingV1,
  schedulingV1beta1,
  schedulingV1alpha2,
  schedulingV1alpha3,
  rbacV1,
  rbacV1beta1,
  rbacV1alpha1,
  storageV1,
  storageV1beta1,
  storageV1alpha1,
  storagemigrationV1,
  storagemigrationV1beta1,
  certificatesV1,
  certificatesV1beta1,
  certificatesV1alpha1,
  authenticationV1,
  authenticationV1beta1,
  authorizationV1,
  authorizationV1beta1,
  admissionV1,
  admissionV1beta1,
  admissionregistrationV1,
  admissionregistrationV1beta1,
  admissionregistrationV1alpha1,
  flowcontrolV1,
  flowcontrolV1beta1,
  flowcontrolV1beta2,
  flowcontrolV1beta3,
  resourceV1,
  resourceV1beta1,
  resourceV1beta2,
  resourceV1alpha3,
  imagepolicyV1alpha1,
  apiserverinternalV1alpha1,
  apidiscoveryV2,
  apidiscoveryV2beta1,
  lifecycleV1alpha1,
  apiextensionsV1,
  apiextensionsV1beta1,
  apiregistrationV1,
  apiregistrationV1beta1,
];
