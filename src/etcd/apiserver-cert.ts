/**
 * The classic manual procedure, automated: etcdctl with the API server's own etcd client certificate. The files named
 * by the kube-apiserver pod's --etcd-cafile/--etcd-certfile/--etcd-keyfile are read out of that pod with `tar c`,
 * repacked under a fresh folder in /tmp and unpacked into the etcd pod with `tar x`; afterwards the folder is
 * removed. Both images need tar (distroless ones have none: then this says so).
 */
import { randomBytes } from 'node:crypto';
import tar from 'tar-stream';
import { ExitCode } from '../cli/exit-codes.js';
import { ClusterError } from '../kube/errors.js';
import type { ExecResult } from '../kube/exec.js';
import { CommandNotStartedError } from '../kube/exec.js';
import type { ContainerJson, PodJson } from '../kube/pods.js';
import { commandWords, flagValue, type ClientTlsPaths } from './etcd-pod-spec.js';

/** A certificate or key file is small; anything bigger is not what we asked for. */
const MAX_FILE_BYTES = 1024 * 1024;

export interface ContainerRef {
  readonly pod: PodJson;
  readonly container: ContainerJson;
}

export type RunInContainer = (target: ContainerRef, argv: readonly string[], stdin?: Uint8Array) => Promise<ExecResult>;

/** Container paths of the API server's etcd client files, from its flags. */
export function apiserverEtcdFiles(container: ContainerJson): { cacert: string; cert: string; key: string } | undefined {
  const words = commandWords(container);
  const cacert = flagValue(words, 'etcd-cafile');
  const cert = flagValue(words, 'etcd-certfile');
  const key = flagValue(words, 'etcd-keyfile');
  return cacert && cert && key ? { cacert, cert, key } : undefined;
}

function describe(target: ContainerRef): string {
  return `container ${target.container.name} of pod ${target.pod.metadata.namespace}/${target.pod.metadata.name} (image ${target.container.image ?? 'unknown'})`;
}

/** Runs tar (or rm), turning "not in the image" and failures into one clear error. */
async function runTool(run: RunInContainer, target: ContainerRef, argv: readonly string[], stdin?: Uint8Array): Promise<Buffer> {
  let result: ExecResult;
  try {
    result = await run(target, argv, stdin);
  } catch (error) {
    if (error instanceof CommandNotStartedError) {
      throw new ClusterError(
        `--use-apiserver-cert needs ${argv[0]} in both images, and ${describe(target)} has none`,
        ExitCode.error,
        'use the etcd pod\'s own certificates (the default), or name certificate files inside the etcd pod with --cacert, --cert and --key',
      );
    }
    throw error;
  }
  if (result.exitCode !== 0) {
    throw new ClusterError(`${argv.join(' ')} failed in ${describe(target)} (exit code ${result.exitCode}): ${result.stderr.toString('utf8').trim()}`, ExitCode.error);
  }
  return result.stdout;
}

/** Each regular file of a tar archive, by its path without leading `/` or `./`. */
export async function readTar(archive: Buffer): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const extract = tar.extract();
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of entry) {
        size += (chunk as Buffer).length;
        if (size > MAX_FILE_BYTES) throw new ClusterError(`${entry.header.name} is over ${MAX_FILE_BYTES} bytes: not a certificate`, ExitCode.error);
        chunks.push(chunk as Buffer);
      }
      if (entry.header.type === 'file') files.set(entry.header.name.replace(/^(\.?\/)+/, ''), Buffer.concat(chunks));
    }
  })();
  extract.end(archive);
  await done;
  return files;
}

/** A tar archive of one folder (mode 0700) holding the files (mode 0600). */
export async function packFolder(folder: string, files: ReadonlyMap<string, Buffer>): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name: `${folder}/`, type: 'directory', mode: 0o700 });
  for (const [name, content] of files) pack.entry({ name: `${folder}/${name}`, mode: 0o600, size: content.length }, content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface CopiedCertificates {
  readonly tls: ClientTlsPaths;
  /** Folder inside the etcd container holding the copies. */
  readonly folder: string;
  /** Removes the copies from the etcd container. */
  remove(): Promise<void>;
}

/** Copies the API server's etcd client files into the etcd container; the caller must call remove(). */
export async function copyApiserverCertificates(run: RunInContainer, apiserver: ContainerRef, etcd: ContainerRef, verbose?: (line: string) => void): Promise<CopiedCertificates> {
  const paths = apiserverEtcdFiles(apiserver.container);
  if (!paths) {
    throw new ClusterError(`${describe(apiserver)} has no --etcd-cafile, --etcd-certfile and --etcd-keyfile flags to take the client certificate from`, ExitCode.error);
  }
  const sources = [paths.cacert, paths.cert, paths.key].map((path) => path.replace(/^\/+/, ''));
  verbose?.(`copying ${[paths.cacert, paths.cert, paths.key].join(', ')} out of ${describe(apiserver)}`);
  const archive = await runTool(run, apiserver, ['tar', '-c', '-f', '-', '-C', '/', ...sources]);
  const read = await readTar(archive);
  const [ca, cert, key] = sources.map((source) => {
    const content = read.get(source);
    if (!content) throw new ClusterError(`tar in ${describe(apiserver)} did not return /${source}`, ExitCode.error);
    return content;
  });
  const folder = `tmp/kubectl-etcd-${randomBytes(8).toString('hex')}`;
  const names = { cacert: 'etcd-ca.crt', cert: 'apiserver-etcd-client.crt', key: 'apiserver-etcd-client.key' };
  const bundle = await packFolder(folder, new Map([[names.cacert, ca as Buffer], [names.cert, cert as Buffer], [names.key, key as Buffer]]));
  const remove = async () => {
    await runTool(run, etcd, ['rm', '-rf', `/${folder}`]);
    verbose?.(`removed /${folder} from ${describe(etcd)}`);
  };
  verbose?.(`unpacking them into /${folder} in ${describe(etcd)}`);
  try {
    await runTool(run, etcd, ['tar', '-x', '-f', '-', '-C', '/'], bundle);
  } catch (error) {
    // tar may have written some files before it failed.
    await remove().catch(() => undefined);
    throw error;
  }
  return {
    tls: { cacert: `/${folder}/${names.cacert}`, cert: `/${folder}/${names.cert}`, key: `/${folder}/${names.key}` },
    folder: `/${folder}`,
    remove,
  };
}
