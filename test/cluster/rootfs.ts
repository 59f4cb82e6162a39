import { constants } from 'node:fs';
import { chmod, copyFile, link, mkdir, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { locateProgram } from './host-tools.js';
import type { Pod } from './model.js';
import { bindMount } from './mounts.js';
import { runProgram } from './run.js';

/** What an image holds, as paths inside the container. */
export interface ImageContents {
  /** Container path -> name of the host program copied there (with the shared libraries it loads). */
  programs: Record<string, string>;
  /** Like programs, but left out when the host lacks the program (etcdutl is not in Debian's etcd 3.4). */
  optionalPrograms?: Record<string, string>;
  /** Container path -> target, for symbolic links such as /bin/sh -> bash. */
  symlinks?: Record<string, string>;
  directories: string[];
  /** Container path -> content. */
  files: Record<string, string>;
  /** Container path -> host file copied there when the host has it. */
  hostFiles?: Record<string, string>;
  /** The image's environment (Dockerfile ENV). */
  env: Record<string, string>;
}

const STANDARD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

// What gcr.io/distroless images carry besides the application: accounts, name service config, CA bundle, /tmp.
const DISTROLESS_BASE: ImageContents = {
  programs: {},
  directories: ['/tmp', '/root', '/home/nonroot', '/var/lib'],
  files: {
    '/etc/passwd': 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n',
    '/etc/group': 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n',
    '/etc/nsswitch.conf': 'hosts: files dns\n',
  },
  hostFiles: { '/etc/ssl/certs/ca-certificates.crt': '/etc/ssl/certs/ca-certificates.crt' },
  env: { PATH: STANDARD_PATH, SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt' },
};

function extend(base: ImageContents, extra: Partial<ImageContents>): ImageContents {
  return {
    programs: { ...base.programs, ...extra.programs },
    optionalPrograms: { ...base.optionalPrograms, ...extra.optionalPrograms },
    symlinks: { ...base.symlinks, ...extra.symlinks },
    directories: [...base.directories, ...(extra.directories ?? [])],
    files: { ...base.files, ...extra.files },
    hostFiles: { ...base.hostFiles, ...extra.hostFiles },
    env: { ...base.env, ...extra.env },
  };
}

const ETCD_BINARIES: Partial<ImageContents> = {
  programs: { '/usr/local/bin/etcd': 'etcd', '/usr/local/bin/etcdctl': 'etcdctl' },
  optionalPrograms: { '/usr/local/bin/etcdutl': 'etcdutl' },
  directories: ['/var/etcd', '/var/lib/etcd'],
};

const COREUTILS = ['cat', 'ls', 'cp', 'mv', 'rm', 'mkdir', 'mkfifo', 'env', 'sleep', 'stat', 'du', 'df', 'head', 'tail', 'wc', 'sort', 'grep', 'sed'];

function programsIn(dir: string, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [`${dir}/${name}`, name]));
}

/** The images the profiles run, by what they are. */
export const IMAGES = {
  /** registry.k8s.io/etcd 3.6.x: distroless, no /bin/sh, tar or cat. */
  'etcd-distroless': extend(DISTROLESS_BASE, ETCD_BINARIES),
  /** registry.k8s.io/etcd 3.5.x-0: distroless plus a bash as /bin/sh; still no tar or cat. */
  'etcd-distroless-sh': extend(extend(DISTROLESS_BASE, ETCD_BINARIES), { programs: { '/bin/sh': 'bash' } }),
  /** registry.k8s.io/etcd 3.4.x-0, busybox based: a shell, tar, cat and the usual tools in /bin. */
  'etcd-busybox': extend(extend(DISTROLESS_BASE, ETCD_BINARIES), {
    programs: { '/bin/sh': 'dash', '/bin/tar': 'tar', ...programsIn('/bin', COREUTILS) },
  }),
  /** rancher/hardened-etcd: etcd binaries only, no shell. */
  'rke2-etcd': extend(DISTROLESS_BASE, ETCD_BINARIES),
  /** OpenShift's RHEL-based etcd image: bash, coreutils, tar, etcdctl in /usr/bin. */
  'openshift-etcd': extend(DISTROLESS_BASE, {
    programs: {
      '/usr/bin/etcd': 'etcd',
      '/usr/bin/etcdctl': 'etcdctl',
      '/usr/bin/bash': 'bash',
      '/usr/bin/tar': 'tar',
      ...programsIn('/usr/bin', COREUTILS),
    },
    symlinks: { '/usr/bin/sh': 'bash', '/bin': 'usr/bin' },
    directories: ['/var/lib/etcd'],
  }),
  /** busybox (what a helper pod usually runs): a shell, tar, cat and the usual tools in /bin, no etcd. */
  busybox: extend(DISTROLESS_BASE, { programs: { '/bin/sh': 'dash', '/bin/tar': 'tar', ...programsIn('/bin', COREUTILS) } }),
  /** Control-plane and add-on images (kube-apiserver, coredns, ...): distroless, their server binary not on this machine. */
  distroless: extend(DISTROLESS_BASE, { directories: ['/usr/local/bin'] }),
  /** An older kube-apiserver image as minikube once ran, with tar. */
  'distroless-tar': extend(DISTROLESS_BASE, { directories: ['/usr/local/bin'], programs: { '/bin/tar': 'tar' } }),
} satisfies Record<string, ImageContents>;

export type ImageName = keyof typeof IMAGES;

/**
 * Host files copied once per cluster and hard-linked into every rootfs that needs them, as image layers share
 * files: cheap per container, and a container writing over its files cannot touch the host's.
 */
export class LayerStore {
  private readonly copies = new Map<string, Promise<string>>();
  private readonly libraries = new Map<string, Promise<string[]>>();

  constructor(private readonly dir: string) {}

  /** Path of this store's copy of `hostPath` (symlinks resolved). */
  file(hostPath: string): Promise<string> {
    let copy = this.copies.get(hostPath);
    if (!copy) {
      copy = this.copy(hostPath);
      this.copies.set(hostPath, copy);
    }
    return copy;
  }

  /** The shared libraries of a host program, asked of ldd once per program. */
  librariesOf(hostPath: string): Promise<string[]> {
    let libraries = this.libraries.get(hostPath);
    if (!libraries) {
      libraries = sharedLibraries(hostPath);
      this.libraries.set(hostPath, libraries);
    }
    return libraries;
  }

  private async copy(hostPath: string): Promise<string> {
    const source = await realpath(hostPath);
    const target = join(this.dir, source);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(source, target, constants.COPYFILE_FICLONE);
    await chmod(target, (await stat(source)).mode & 0o7777);
    return target;
  }
}

/** Shared libraries `ldd` names for a dynamically linked program; none for a static one. */
export async function sharedLibraries(program: string): Promise<string[]> {
  const { stdout } = await runProgram('ldd', [program]).catch(() => ({ stdout: Buffer.from('') }));
  // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)"
  return [...stdout.toString('utf8').matchAll(/(?:=>\s+)?(\/\S+)\s+\(0x[0-9a-f]+\)/g)].map((match) => match[1] ?? '');
}

/** Places `source` at `target` as a hard link to the layer copy, copying across devices. */
async function linkOrCopy(source: string, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  await rm(target, { force: true });
  await link(source, target).catch(async () => copyFile(source, target));
}

async function placeProgram(layers: LayerStore, rootfs: string, containerPath: string, hostPath: string): Promise<void> {
  await linkOrCopy(await layers.file(hostPath), join(rootfs, containerPath));
  for (const library of await layers.librariesOf(hostPath)) {
    await linkOrCopy(await layers.file(library), join(rootfs, library));
  }
}

async function placeDevNull(rootfs: string): Promise<void> {
  // Programs (a shell redirecting, etcd) expect /dev/null; only root may create the device node.
  if (process.getuid?.() !== 0) return;
  await mkdir(join(rootfs, 'dev'), { recursive: true });
  await runProgram('mknod', ['-m', '666', join(rootfs, 'dev/null'), 'c', '1', '3']);
}

/** Fills the directory `rootfs` with what `image` holds. */
export async function buildRootfs(layers: LayerStore, rootfs: string, image: ImageContents): Promise<void> {
  await mkdir(rootfs, { recursive: true });
  for (const directory of image.directories) await mkdir(join(rootfs, directory), { recursive: true });
  await chmod(join(rootfs, 'tmp'), 0o1777).catch(() => undefined);
  for (const [path, content] of Object.entries(image.files)) {
    await mkdir(dirname(join(rootfs, path)), { recursive: true });
    await writeFile(join(rootfs, path), content);
  }
  for (const [path, hostPath] of Object.entries(image.hostFiles ?? {})) {
    if (await stat(hostPath).then(() => true, () => false)) await linkOrCopy(await layers.file(hostPath), join(rootfs, path));
  }
  for (const [path, target] of Object.entries(image.symlinks ?? {})) {
    await mkdir(dirname(join(rootfs, path)), { recursive: true });
    await symlink(target, join(rootfs, path));
  }
  const programs: [string, string, boolean][] = [
    ...Object.entries(image.programs).map(([path, name]): [string, string, boolean] => [path, name, true]),
    ...Object.entries(image.optionalPrograms ?? {}).map(([path, name]): [string, string, boolean] => [path, name, false]),
  ];
  for (const [path, name, required] of programs) {
    const hostPath = await locateProgram(name);
    if (hostPath === undefined) {
      if (required) throw new Error(`the image needs ${name} from the host, and it is not on PATH`);
      continue;
    }
    await placeProgram(layers, rootfs, path, hostPath);
  }
  await placeDevNull(rootfs);
}

export interface HostPathMount {
  /** Path on the node. */
  hostPath: string;
  /** Path inside the container. */
  mountPath: string;
  readOnly: boolean;
}

/** The hostPath volumes a container of `pod` mounts, in the order of its volumeMounts. */
export function hostPathMounts(pod: Pod, containerName: string): HostPathMount[] {
  const container = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((c) => c.name === containerName);
  const volumes = (pod.spec['volumes'] ?? []) as { name: string; hostPath?: { path: string } }[];
  const volumeMounts = (container?.['volumeMounts'] ?? []) as { name: string; mountPath: string; readOnly?: boolean }[];
  return volumeMounts.flatMap((mount) => {
    const hostPath = volumes.find((volume) => volume.name === mount.name)?.hostPath?.path;
    return hostPath === undefined ? [] : [{ hostPath, mountPath: mount.mountPath, readOnly: mount.readOnly === true }];
  });
}

/**
 * Mounts a hostPath volume as the kubelet and runtime do: the node's path (created as a directory when missing,
 * as for DirectoryOrCreate) bind-mounted over the same-kind path in the rootfs.
 */
export async function mountHostPath(nodeRoot: string, rootfs: string, mount: HostPathMount): Promise<void> {
  const source = join(nodeRoot, mount.hostPath);
  const target = join(rootfs, mount.mountPath);
  const sourceInfo = await stat(source).catch(() => undefined);
  if (sourceInfo === undefined) await mkdir(source, { recursive: true });
  if (sourceInfo === undefined || sourceInfo.isDirectory()) {
    await mkdir(target, { recursive: true });
  } else {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, '', { flag: 'a' });
  }
  await bindMount(source, target, mount.readOnly);
}

/** Fault: takes a file (a program such as etcdctl) out of a container's image. */
export async function removeFromImage(rootfs: string, containerPath: string): Promise<void> {
  await rm(join(rootfs, containerPath), { force: true });
}
