import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** Absolute path of `name` found on this process's PATH, or undefined. */
export async function locateProgram(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return undefined;
}

export const INSTALL_ETCD_COMMAND = 'sudo apt-get update && sudo apt-get install -y etcd-server etcd-client openssl';

/** Paths of the host's etcd tools; fails with the command that installs them when one is missing. */
export async function requireEtcdTools(): Promise<{ etcd: string; etcdctl: string; etcdutl: string | undefined }> {
  const [etcd, etcdctl, openssl, etcdutl] = await Promise.all(['etcd', 'etcdctl', 'openssl', 'etcdutl'].map(locateProgram));
  const missing = Object.entries({ etcd, etcdctl, openssl }).filter(([, path]) => path === undefined).map(([name]) => name);
  if (etcd === undefined || etcdctl === undefined || missing.length > 0) {
    throw new Error(
      `The test cluster runs the real etcd, but ${missing.join(', ')} is not on PATH. Install it with:\n  ${INSTALL_ETCD_COMMAND}\n` +
        '(or run scripts/install-system-deps.sh as root)',
    );
  }
  return { etcd, etcdctl, etcdutl };
}
