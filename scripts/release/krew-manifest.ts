/**
 * The krew manifest of a release: the template text (descriptions, caveats) with the version, the archive URLs
 * under the release base URL and each archive's sha256 filled in.
 */
import { stringify } from 'yaml';
import { KREW_API_VERSION, type KrewPlatform, type KrewPlugin } from './krew-rules.js';
import type { ReleaseTarget } from './targets.js';

export const PLUGIN_NAME = 'etcd';

/** Where the archives are published, `{version}` standing for the version without its v. */
export const DEFAULT_BASE_URL = 'https://github.com/OWNER/kubectl-etcd/releases/download/v{version}/';

export interface ReleasedArchive {
  readonly target: ReleaseTarget;
  readonly fileName: string;
  readonly sha256: string;
}

export interface ManifestInput {
  /** Without the leading v, as package.json has it. */
  readonly version: string;
  readonly baseUrl: string;
  readonly homepage: string;
  readonly archives: readonly ReleasedArchive[];
}

export function archiveFileName(target: ReleaseTarget, version: string): string {
  return `kubectl-etcd_v${version}_${target.os}_${target.arch}.${target.archiveFormat}`;
}

export function releaseBaseUrl(template: string, version: string): string {
  const url = template.replaceAll('{version}', version);
  return url.endsWith('/') ? url : `${url}/`;
}

/** The project page a GitHub release URL belongs to. */
export function homepageOf(baseUrl: string): string | undefined {
  return /^(https:\/\/github\.com\/[^/]+\/[^/]+)\/releases\/download\//.exec(baseUrl)?.[1];
}

const SHORT_DESCRIPTION = 'See and manage what a cluster keeps in etcd';

const DESCRIPTION = `Reads a cluster's etcd through the Kubernetes API: it finds the etcd pod, runs
the etcdctl already in it (exec, no shell) with the certificates the pod spec
names, and prints what Kubernetes stores there decoded, as kubectl get -o yaml
would. Keys, key prefixes and resources by their kubectl names (get deploy -n
shop); protobuf, JSON and CBOR values; values encrypted at rest given the API
server's EncryptionConfiguration. Backs up etcd to this machine (snapshot save;
through a short-lived helper pod only when asked to, for images with no cat)
and reads backups with no cluster at all. Offline, it also decodes values from
etcdctl output or files, and encodes objects into the exact bytes the API
server would store.
`;

function caveats(version: string): string {
  return `kubectl etcd execs etcdctl in the etcd pod: it needs RBAC to get and list pods
and to create pods/exec in the etcd pod's namespace (kube-system on kubeadm,
kind, minikube and RKE2; openshift-etcd on OpenShift). Managed control planes
(EKS, GKE, AKS) and k3s, MicroK8s and Talos keep etcd out of reach of the API.

Shell completion for kubectl etcd (kubectl 1.26 or later):
  kubectl etcd completion install

On macOS the executable is ad-hoc signed (no Developer ID). Should macOS
still refuse to start it, sign it again on the Mac:
  codesign --sign - --force "\${KREW_ROOT:-$HOME/.krew}/store/etcd/v${version}/kubectl-etcd"
`;
}

function platformEntry(archive: ReleasedArchive, baseUrl: string): KrewPlatform {
  return {
    selector: { matchLabels: { os: archive.target.os, arch: archive.target.arch } },
    uri: `${baseUrl}${archive.fileName}`,
    sha256: archive.sha256,
    files: [
      { from: archive.target.executable, to: '.' },
      { from: 'LICENSE', to: '.' },
    ],
    bin: archive.target.executable,
  };
}

export function krewManifest(input: ManifestInput): KrewPlugin {
  return {
    apiVersion: KREW_API_VERSION,
    kind: 'Plugin',
    metadata: { name: PLUGIN_NAME },
    spec: {
      version: `v${input.version}`,
      homepage: input.homepage,
      shortDescription: SHORT_DESCRIPTION,
      description: DESCRIPTION,
      caveats: caveats(input.version),
      platforms: input.archives.map((archive) => platformEntry(archive, input.baseUrl)),
    },
  };
}

export function renderKrewManifest(input: ManifestInput): string {
  const header = [
    '# krew plugin manifest of kubectl-etcd, written by `npm run release` (scripts/release.ts): archive URLs under the',
    `# release base URL ${input.baseUrl}`,
    '# and the sha256 of the archives that build made. Submit it to krew-index as plugins/etcd.yaml.',
    ...(input.baseUrl.includes('/OWNER/') ? ['# PLACEHOLDER: OWNER in the URLs stands for the GitHub owner; set the real one with --base-url.'] : []),
  ];
  return `${header.join('\n')}\n${stringify(krewManifest(input), { lineWidth: 0 })}`;
}
