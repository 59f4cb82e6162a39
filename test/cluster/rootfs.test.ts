import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGES, LayerStore, buildRootfs, sharedLibraries, type ImageName } from './rootfs.js';
import { runProgram } from './run.js';
import { exists } from './test-helpers.js';

describe('container root file systems', () => {
  let dir: string;
  const rootfs = (image: ImageName) => join(dir, image);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubectl-etcd-rootfs-test-'));
    const layers = new LayerStore(join(dir, 'layers'));
    for (const image of ['etcd-distroless', 'etcd-distroless-sh', 'etcd-busybox', 'openshift-etcd'] as const) {
      await buildRootfs(layers, rootfs(image), IMAGES[image]);
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives the kubeadm (etcd 3.6) image etcd and etcdctl but no /bin/sh, tar or cat', async () => {
    const root = rootfs('etcd-distroless');
    expect(await exists(join(root, 'usr/local/bin/etcd'))).toBe(true);
    expect(await exists(join(root, 'usr/local/bin/etcdctl'))).toBe(true);
    for (const missing of ['bin/sh', 'bin/tar', 'bin/cat', 'usr/bin/tar', 'usr/bin/cat']) {
      expect(await exists(join(root, missing)), missing).toBe(false);
    }
  });

  it('gives the kubeadm-3.5 image a shell but no tar or cat, and minikube sh, tar and cat', async () => {
    expect(await exists(join(rootfs('etcd-distroless-sh'), 'bin/sh'))).toBe(true);
    expect(await exists(join(rootfs('etcd-distroless-sh'), 'bin/tar'))).toBe(false);
    expect(await exists(join(rootfs('etcd-distroless-sh'), 'bin/cat'))).toBe(false);
    for (const present of ['bin/sh', 'bin/tar', 'bin/cat']) expect(await exists(join(rootfs('etcd-busybox'), present))).toBe(true);
  });

  it('copies the shared libraries the programs load, so they run chrooted', async () => {
    const libraries = await sharedLibraries('/usr/bin/etcdctl');
    for (const library of libraries) expect(await exists(join(rootfs('etcd-distroless'), library)), library).toBe(true);
    const { stdout } = await runProgram('chroot', [rootfs('etcd-distroless'), '/usr/local/bin/etcdctl', 'version']);
    expect(stdout.toString('utf8')).toMatch(/^etcdctl version: 3\./);
    const shell = await runProgram('chroot', [rootfs('openshift-etcd'), '/bin/sh', '-c', 'echo "$0" | cat', 'from bash']);
    expect(shell.stdout.toString('utf8')).toBe('from bash\n');
  });

  it('fails a missing command inside the distroless image as the kernel does', async () => {
    const failure = await runProgram('chroot', [rootfs('etcd-distroless'), '/bin/sh', '-c', 'true']).then(() => '', (e: Error) => e.message);
    expect(failure).toMatch(/No such file or directory/);
  });
});
