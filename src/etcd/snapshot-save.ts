/**
 * `snapshot save`: a consistent snapshot of a live member, written to a file on this machine.
 *
 * etcdctl in the etcd pod writes the snapshot (`etcdctl snapshot save`, which checks etcd's sha256 trailer) into
 * etcd's data directory, a hostPath volume; the file is then streamed out through the exec API with `cat` (in the
 * etcd container when its image has cat and rm, otherwise in a helper pod on the same node that mounts that directory,
 * created only with the user's consent) and removed. On this machine the stream goes to a hidden temporary file next
 * to the target, its trailer is checked on the way, the database is checked for integrity, and only then is it
 * renamed to the name asked for. Whatever happens, the pod's file, the helper pod and the temporary file are removed.
 *
 * `etcd grpc-proxy` with a port-forward was the first choice and does not work: since etcd 3.4.10 the proxy refuses
 * a client certificate whose Common Name is not empty, and every certificate a kubeadm etcd pod holds has one.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ExitCode, UserError } from '../cli/exit-codes.js';
import { ApiClient } from '../kube/api-client.js';
import { ClusterError, EtcdctlError } from '../kube/errors.js';
import { CommandNotStartedError, execInPod, type ExecResult } from '../kube/exec.js';
import { deleteHelperPod, HELPER_MOUNT, startHelperPod, type HelperPod } from '../kube/helper-pod.js';
import { resolveApiServerAccess } from '../kube/kubeconfig.js';
import { etcdServerContainer, podPath, type PodJson } from '../kube/pods.js';
import { ProgressBar, type ProgressOutput } from '../render/progress.js';
import { humanBytes } from '../render/tree.js';
import { connectToEtcd, type ConnectOptions, type EtcdConnection, type EtcdPodRef } from './connect.js';
import { clientUrlFromFlags, commandWords } from './etcd-pod-spec.js';
import { etcdDataDir, hostPathOf, type PodVolumesJson } from './pod-storage.js';
import { checkIntegrity } from './snapshot/bbolt-check.js';
import { BoltIntegrityError } from './snapshot/errors.js';
import { MvccStore } from './snapshot/mvcc-store.js';
import { TrailerHash } from './trailer-hash.js';

export interface HelperConsent {
  /** --helper-pod given (true) or refused (false); undefined: ask on the terminal. */
  readonly allowed: boolean | undefined;
  readonly image: string;
  readonly ask: (question: string) => Promise<boolean>;
}

export interface SaveRequest {
  readonly file: string;
  /** How to reach etcd; its signal is the hard stop (second Ctrl-C). */
  readonly connect: ConnectOptions;
  /** First Ctrl-C: stop transferring, clean up, report "interrupted". The snapshot in the pod is let finish. */
  readonly stop: AbortSignal;
  readonly helper: HelperConsent;
  /** Directory inside the etcd container for the pod-side file (default: etcd's data directory). */
  readonly podDir?: string;
  readonly progress: ProgressOutput;
  readonly note: (line: string) => void;
}

export interface SaveReport {
  readonly file: string;
  readonly bytes: number;
  /** The store's revision, as `snapshot status` reports it. */
  readonly revision: number;
  /** The etcd pod whose member was saved. */
  readonly member: string;
  /** How the file came out: `cat in container etcd`, `helper pod kube-system/x (busybox:1.37)`. */
  readonly route: string;
}

type Pod = PodJson & PodVolumesJson;

/** A container in which `cat` and `rm` run, and where the pod-side file is seen at `path`. */
interface FileRoute {
  readonly description: string;
  readonly path: string;
  run(command: readonly string[], onStdout?: (chunk: Buffer) => void | Promise<void>, signal?: AbortSignal): Promise<ExecResult>;
}

/**
 * Steps that undo what was done, run last first, each whatever the others do, each once (a run takes the steps
 * added so far); failures are named, not thrown.
 */
class Undo {
  private readonly steps: { what: string; step: () => Promise<unknown> }[] = [];

  add(what: string, step: () => Promise<unknown>): void {
    this.steps.push({ what, step });
  }

  async run(): Promise<string[]> {
    const failed: string[] = [];
    for (const { what, step } of this.steps.splice(0).reverse()) {
      await step().catch((error: unknown) => failed.push(`${what}: ${(error as Error).message}`));
    }
    return failed;
  }
}

const interrupted = () => new UserError('interrupted', ExitCode.interrupted);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The target must be a file name in an existing folder: checked before anything happens in the cluster. */
async function checkTarget(file: string): Promise<void> {
  const folder = await stat(dirname(file)).catch(() => undefined);
  if (!folder?.isDirectory()) throw new UserError(`cannot write ${file}: the folder ${dirname(file)} does not exist`, ExitCode.error);
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw new UserError(`cannot write ${file}: it is a directory; name the file to write`, ExitCode.usage);
}

function execRoute(client: ApiClient, ref: { namespace: string; name: string; container: string }, path: string, description: string, hardStop: AbortSignal | undefined): FileRoute {
  return {
    description,
    path,
    run: (command, onStdout, signal) =>
      execInPod(client, {
        namespace: ref.namespace,
        pod: ref.name,
        container: ref.container,
        command,
        onStdout,
        signal: signal && hardStop ? AbortSignal.any([signal, hardStop]) : (signal ?? hardStop),
      }),
  };
}

/** Whether the container can run `program` (present in its image); other failures are errors. */
async function hasProgram(route: FileRoute, command: readonly string[]): Promise<boolean> {
  try {
    await route.run(command);
    return true;
  } catch (error) {
    if (error instanceof CommandNotStartedError && error.missingProgram !== undefined) return false;
    throw error;
  }
}

async function requireSuccess(route: FileRoute, command: readonly string[], onStdout?: (chunk: Buffer) => void | Promise<void>, signal?: AbortSignal): Promise<void> {
  const result = await route.run(command, onStdout, signal);
  if (result.exitCode !== 0) {
    throw new ClusterError(`${command.join(' ')} failed in ${route.description} (exit code ${result.exitCode}): ${result.stderr.toString('utf8').trim() || 'no message'}`, ExitCode.error);
  }
}

/** The member's database size from `endpoint status` (the snapshot is that plus the trailer); undefined if unknown. */
async function databaseSize(connection: EtcdConnection): Promise<number | undefined> {
  try {
    const { stdout } = await connection.etcdctl(['endpoint', 'status', '-w', 'json']);
    const match = /"dbSize":(\d+)/.exec(stdout.toString('utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function podName(ref: { namespace: string; name: string }): string {
  return `${ref.namespace}/${ref.name}`;
}

interface Prepared {
  readonly route: FileRoute;
  /** The pod-side file, as the etcd container sees it. */
  readonly podFile: string;
  /** etcdctl in the etcd container, to take the snapshot with. */
  readonly etcdContainer: FileRoute;
  /**
   * The member's own URL when the container's ETCDCTL_ENDPOINTS lists every member (OpenShift): a snapshot is taken
   * from one member, and etcdctl refuses an --endpoints flag that shadows that variable.
   */
  readonly ownEndpoint: string | undefined;
  /** The route is a helper pod: deleting it ends whatever runs in it, so the snapshot can stream through a FIFO. */
  readonly helper: boolean;
}

/** etcdctl's complaint when the file it wrote is a FIFO: it cannot be synced (everything was written by then). */
const FIFO_SYNC = /sync .*: invalid argument/;

class SnapshotSaver {
  /** What was done in the cluster: the pod-side file, the helper pod. */
  private readonly undo = new Undo();
  /** What was done here: the temporary file. */
  private readonly undoHere = new Undo();
  private readonly hardStop: AbortSignal | undefined;

  constructor(
    private readonly request: SaveRequest,
    private readonly client: ApiClient,
    private readonly connection: EtcdConnection,
  ) {
    this.hardStop = request.connect.signal;
  }

  async run(): Promise<SaveReport> {
    try {
      return await this.save();
    } finally {
      await this.release();
      for (const line of await this.undoHere.run()) this.request.note(`warning: could not undo ${line}`);
    }
  }

  /** Undoes what was done in the cluster: as soon as the snapshot is here, and in any case at the end. */
  private async release(): Promise<void> {
    for (const line of await this.undo.run()) this.request.note(`warning: could not undo ${line}`);
  }

  private verbose(line: string): void {
    this.request.connect.verbose?.(line);
  }

  /** Runs a step and tells -v how long it took. */
  private async timed<T>(what: string, step: () => Promise<T>): Promise<T> {
    const started = Date.now();
    const result = await step();
    this.verbose(`${what} in ${seconds(Date.now() - started)}`);
    return result;
  }

  private checkStop(): void {
    if (this.request.stop.aborted) throw interrupted();
  }

  private async podOf(member: EtcdPodRef): Promise<Pod> {
    return this.client.getJson<Pod>(podPath(member.namespace, member.name), this.hardStop);
  }

  /** Where the pod-side file goes, and how it will come out (asking for a helper pod when it must). */
  private async prepare(member: EtcdPodRef, fileName: string): Promise<Prepared> {
    const pod = await this.podOf(member);
    const container = pod.spec.containers.find((c) => c.name === member.container);
    if (!container) throw new ClusterError(`pod ${podName(member)} has no container ${member.container}`, ExitCode.error);
    const dir = this.request.podDir ?? etcdDataDir(pod, container);
    if (dir === undefined) {
      throw new ClusterError(`cannot tell etcd's data directory from the spec of pod ${podName(member)}`, ExitCode.error, 'name a directory inside the etcd container, on a hostPath volume, with --pod-dir');
    }
    const podFile = `${dir}/${fileName}`;
    const own = execRoute(this.client, member, podFile, `container ${member.container} of pod ${podName(member)}`, this.hardStop);
    const listed = container.env?.find((e) => e.name === 'ETCDCTL_ENDPOINTS')?.value ?? '';
    const server = etcdServerContainer(pod);
    const ownEndpoint = listed.includes(',') && server ? clientUrlFromFlags(commandWords(server)) : undefined;
    const prepared = { podFile, etcdContainer: own, ownEndpoint, helper: false };
    // rm -f of a file that is not there yet proves rm runs; cat of /dev/null that cat does.
    const tools = await Promise.all([hasProgram(own, ['rm', '-f', podFile]), hasProgram(own, ['cat', '/dev/null'])]);
    if (tools.every(Boolean)) return { ...prepared, route: own };

    const location = hostPathOf(pod, container, dir);
    if (location === undefined) {
      throw new ClusterError(`the image of container ${member.container} of pod ${podName(member)} has no cat, and ${dir} is not on a hostPath volume a helper pod could mount`, ExitCode.error, 'name a directory on a hostPath volume of the etcd container with --pod-dir');
    }
    const node = pod.spec.nodeName;
    if (node === undefined) throw new ClusterError(`pod ${podName(member)} is not bound to a node`, ExitCode.error);
    const { helper } = this.request;
    const question = `The etcd image has no cat to hand the snapshot over. Create a helper pod (${helper.image}) on node ${node}, mounting ${location.nodeDir}, deleted afterwards?`;
    const consent = helper.allowed ?? (await helper.ask(question));
    if (!consent) {
      throw new UserError(
        `the image of container ${member.container} of pod ${podName(member)} (${container.image ?? 'image unknown'}) has no cat to hand the snapshot over`,
        ExitCode.error,
        `allow a short-lived helper pod on node ${node} with --helper-pod (image ${helper.image}, change it with --helper-image); it mounts ${location.nodeDir} and is deleted afterwards`,
      );
    }
    this.checkStop();
    this.request.note(`starting helper pod on node ${node} (${helper.image})`);
    const pod$ = startHelperPod(this.client, { namespace: member.namespace, node, image: helper.image, nodeDir: location.nodeDir }, this.request.stop);
    this.undo.add('the helper pod', async () => {
      const started = await pod$.catch(() => undefined);
      if (started) await deleteHelperPod(this.client, started);
    });
    const started: HelperPod = await pod$;
    const inHelper = `${HELPER_MOUNT}/${fileName}`;
    return { ...prepared, helper: true, route: execRoute(this.client, started, inHelper, `helper pod ${podName(started)} (${helper.image}) on node ${node}`, this.hardStop) };
  }

  private async save(): Promise<SaveReport> {
    const fileName = `kubectl-etcd-snapshot-${randomBytes(6).toString('hex')}.db`;
    const expected = this.connection.members[0] as EtcdPodRef;
    const size = databaseSize(this.connection);
    let prepared = await this.prepare(expected, fileName);
    this.checkStop();
    const total = await size;
    this.request.note(`taking the snapshot in pod ${podName(expected)}${total === undefined ? '' : ` (about ${humanBytes(total)})`}`);
    // Undone whatever happens from here on, even when etcdctl fails half way (it leaves a .part file then).
    const removeFrom = (p: Prepared) => () => requireSuccess(p.route, ['rm', '-f', p.route.path, `${p.route.path}.part`]);
    let removal = removeFrom(prepared);
    this.undo.add('the snapshot file in the pod', () => removal());
    const streamed = prepared.helper ? await this.streamThroughFifo(expected, prepared, total) : undefined;
    if (streamed?.saved) return { file: this.request.file, ...streamed.saved, member: podName(expected), route: prepared.route.description };
    const actual = streamed?.ranIn ?? (await this.timed('snapshot taken in the pod', () => this.takeSnapshot(expected, prepared)));
    if (actual.name !== expected.name || actual.namespace !== expected.namespace) {
      // etcdctl moved on to another member: the file is in that pod.
      this.request.note(`pod ${podName(expected)} did not answer; the snapshot was taken in pod ${podName(actual)}`);
      prepared = await this.prepare(actual, fileName);
      removal = removeFrom(prepared);
    }
    this.checkStop();
    const saved = await this.download(prepared.route, prepared.route.path, total);
    return { file: this.request.file, ...saved, member: podName(actual), route: prepared.route.description };
  }

  /**
   * Through a helper pod, the snapshot streams out while etcdctl writes it: etcdctl's `.part` file is a FIFO the
   * helper's cat reads, so nothing lands on the node's disk and the copy overlaps the snapshot. etcdctl then fails to
   * sync the FIFO, which is expected: the stream is judged by its sha256 trailer and the integrity check. Anything
   * left blocked on the FIFO ends when the helper pod is deleted. When etcdctl ran in another member's pod instead,
   * nothing came through the FIFO: that member's pod holds a plain file (`ranIn`). Neither, when the helper has no
   * mkfifo: the snapshot is then taken into a plain file.
   */
  private async streamThroughFifo(expected: EtcdPodRef, prepared: Prepared, total: number | undefined): Promise<{ saved?: Saved; ranIn?: EtcdPodRef }> {
    const fifo = `${prepared.route.path}.part`;
    try {
      // No -m: etcd keeps its data directory private (0700), which is what guards the FIFO.
      await requireSuccess(prepared.route, ['mkfifo', fifo]);
    } catch (error) {
      // A helper image without mkfifo hands over a plain file instead.
      if (error instanceof CommandNotStartedError && error.missingProgram !== undefined) return {};
      throw error;
    }
    const writerFailed = new AbortController();
    const readerFailed = new AbortController();
    // The cluster's part is cleaned up once etcdctl is done with the FIFO, not merely once its data came through.
    let writerSettled = (): void => undefined;
    const writer = new Promise<void>((resolve) => (writerSettled = resolve));
    const reading = this.download(prepared.route, fifo, total, { abandon: writerFailed.signal, releaseAfter: writer });
    reading.catch(() => readerFailed.abort());
    let actual: EtcdPodRef;
    try {
      actual = await this.timed('snapshot written by etcdctl', () => this.takeSnapshot(expected, prepared, readerFailed.signal).catch((error: unknown) => {
        if (error instanceof EtcdctlError && FIFO_SYNC.test(error.stderr)) return expected;
        throw error;
      }).finally(writerSettled));
    } catch (error) {
      // The reader's failure is the cause when there was one; otherwise stop the reader, blocked on a FIFO no one writes.
      if (readerFailed.signal.aborted) return { saved: await reading };
      writerFailed.abort();
      await reading.catch(() => undefined);
      throw error;
    }
    if (actual.name === expected.name && actual.namespace === expected.namespace) return { saved: await reading };
    writerFailed.abort();
    await reading.catch(() => undefined);
    return { ranIn: actual };
  }

  /**
   * etcdctl snapshot save in the member's pod; resolves to the member whose pod ran it (etcdctl moves on to another
   * member when a pod cannot be reached). Not stopped by the first Ctrl-C: a snapshot half taken would leave its file
   * in the pod beyond our reach; `signal` stops it when its output has no reader any more.
   */
  private async takeSnapshot(member: EtcdPodRef, prepared: Prepared, signal?: AbortSignal): Promise<EtcdPodRef> {
    if (prepared.ownEndpoint === undefined) {
      // One endpoint: the connection lists the other members after this one, and a snapshot comes from one member.
      const pin = member.clientUrl === undefined ? [] : [`--endpoints=${member.clientUrl}`];
      await this.connection.etcdctl([...pin, 'snapshot', 'save', prepared.podFile], signal ? { signal } : {});
      return this.connection.members[0] as EtcdPodRef;
    }
    const argv = ['env', `ETCDCTL_ENDPOINTS=${prepared.ownEndpoint}`, 'etcdctl', 'snapshot', 'save', prepared.podFile];
    const result = await prepared.etcdContainer.run(argv, undefined, signal);
    if (result.exitCode !== 0) throw new EtcdctlError(argv.slice(3), result.exitCode, result.stdout, result.stderr.toString('utf8'));
    return member;
  }

  /**
   * Streams `path` (as `route` sees it) to a temporary file here, checks it, and renames it to the target. `abandon`
   * stops the stream; the cluster's part is cleaned up during the integrity check, after `releaseAfter`.
   */
  private async download(route: FileRoute, path: string, total: number | undefined, options: { abandon?: AbortSignal; releaseAfter?: Promise<void> } = {}): Promise<Saved> {
    const { abandon } = options;
    const { file } = this.request;
    const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString('hex')}.part`);
    const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    let kept = false;
    this.undoHere.add(`the temporary file ${temporary}`, async () => {
      if (!kept) await unlink(temporary).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
    });
    const trailer = new TrailerHash();
    const started = Date.now();
    const bar = new ProgressBar(this.request.progress, 'snapshot', total === undefined ? undefined : total + 32);
    let bytes = 0;
    try {
      const writer = new FileWriter(handle);
      await requireSuccess(route, ['cat', path], (chunk) => {
        trailer.update(chunk);
        bytes += chunk.length;
        bar.add(chunk.length);
        return writer.add(chunk);
      }, abandon ? AbortSignal.any([this.request.stop, abandon]) : this.request.stop);
      await writer.flush();
      await handle.sync();
    } catch (error) {
      bar.clear();
      throw this.request.stop.aborted ? interrupted() : error;
    } finally {
      await handle.close();
    }
    bar.finish();
    this.verbose(`copied ${humanBytes(bytes)} by ${route.description} in ${seconds(Date.now() - started)}`);
    const verdict = trailer.finish();
    if (!verdict.valid) {
      throw new ClusterError(
        verdict.expected === ''
          ? `the snapshot from ${route.description} is only ${bytes} bytes, too short for its sha256 trailer`
          : `the snapshot's sha256 trailer does not match its content (trailer ${verdict.expected}, content ${verdict.actual}): it was damaged on the way`,
        ExitCode.error,
      );
    }
    // The cluster's part is done: clean it up while the file is checked here.
    const released = (options.releaseAfter ?? Promise.resolve()).then(() => this.release());
    const revision = await this.timed('database integrity checked', async () => checkDatabase(temporary));
    await released;
    this.checkStop();
    await rename(temporary, file);
    kept = true;
    return { bytes, revision };
  }
}

interface Saved {
  readonly bytes: number;
  readonly revision: number;
}

/**
 * Appends to a file in writes of about a megabyte, one after the other, while the stream goes on; the stream is held
 * back only when the disk falls behind by more than IN_FLIGHT_BYTES. `flush` (then a sync) completes the file.
 */
class FileWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private inFlight = 0;
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly handle: FileHandle) {}

  add(chunk: Buffer): Promise<void> | undefined {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= WRITE_BYTES) this.write();
    return this.inFlight > IN_FLIGHT_BYTES ? this.writes : undefined;
  }

  flush(): Promise<void> {
    this.write();
    return this.writes;
  }

  private write(): void {
    if (this.pendingBytes === 0) return;
    const batch = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.inFlight += batch.length;
    this.writes = this.writes.then(async () => {
      for (let written = 0; written < batch.length; ) written += (await this.handle.write(batch, written)).bytesWritten;
      this.inFlight -= batch.length;
    });
    // A failed write surfaces at the next wait on `writes` (at the latest, flush); until then it is not unhandled.
    this.writes.catch(() => undefined);
  }
}

const WRITE_BYTES = 1024 * 1024;
const IN_FLIGHT_BYTES = 16 * 1024 * 1024;

/**
 * bbolt's consistency check on the downloaded file (the page walk `snapshot status` starts with), and the store's
 * revision; the hash and key count, a second walk of every entry, are left to `snapshot status`.
 */
function checkDatabase(path: string): number {
  // The check walks every page: large blocks make it a few big reads.
  const store = MvccStore.open(path, { blockBytes: 1024 * 1024, cacheBytes: 64 * 1024 * 1024 });
  try {
    const problems = checkIntegrity(store.db);
    if (problems.length > 0) throw new BoltIntegrityError(path, problems);
    return store.revisions().current;
  } finally {
    store.close();
  }
}

export async function saveSnapshot(request: SaveRequest): Promise<SaveReport> {
  await checkTarget(request.file);
  const options = request.connect;
  const access = await resolveApiServerAccess({ kubeconfig: options.kubeconfig, context: options.context });
  const client = new ApiClient(access);
  let connection: EtcdConnection | undefined;
  try {
    connection = await connectToEtcd(options);
    return await new SnapshotSaver(request, client, connection).run();
  } finally {
    client.close();
    await connection?.close();
  }
}
