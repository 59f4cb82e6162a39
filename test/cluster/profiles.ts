/** The cluster layouts the test cluster can take, by name. */
import type { Profile } from './profiles/common.js';
import { kubeadm, kubeadm35, minikube } from './profiles/kubeadm.js';

export type { Profile } from './profiles/common.js';

export const PROFILES = {
  kubeadm,
  'kubeadm-3.5': kubeadm35,
  minikube,
} satisfies Record<string, Profile>;

export type ProfileName = keyof typeof PROFILES;

export function isProfileName(name: string): name is ProfileName {
  return Object.hasOwn(PROFILES, name);
}
