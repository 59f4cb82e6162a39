/** The cluster layouts the test cluster can take, by name. */
import type { Profile } from './profiles/common.js';
import { k3s } from './profiles/k3s.js';
import { kubeadm, kubeadm35, minikube } from './profiles/kubeadm.js';
import { managed } from './profiles/managed.js';
import { openshift } from './profiles/openshift.js';
import { rke2 } from './profiles/rke2.js';

export type { Profile } from './profiles/common.js';

export const PROFILES = {
  kubeadm,
  'kubeadm-3.5': kubeadm35,
  minikube,
  rke2,
  openshift,
  k3s,
  managed,
} satisfies Record<string, Profile>;

export type ProfileName = keyof typeof PROFILES;

export function isProfileName(name: string): name is ProfileName {
  return Object.hasOwn(PROFILES, name);
}
