/**
 * The exec client against the stand-in API server (minikube profile: the busybox etcd image has a shell, cat and
 * sleep; the kube-apiserver image is distroless): byte-exact streams, stdin closed with v5, the v4 fallback, exit
 * codes, refusals before the upgrade in words, a cut stream reported as such, and Ctrl-C ending the remote command.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { ApiClient } from '../../src/kube/api-client.js';
import { ClusterError, StreamCutError } from '../../src/kube/errors.js';
import { CommandNotStartedError, execInPod, V4, type ExecRequest } from '../../src/kube/exec.js';
import { useCluster } from '../cluster/harness.js';
import { apiClientFor, clusterUnavailable, commandLines, eventually } from './helpers.js';

describe.skipIf(clusterUnavailable())('exec in the stand-in cluster', () => {
  const cluster = useCluster({ profile: 'minikube' });
  let client: ApiClient;
  beforeAll(async () => {
    client = await apiClientFor(cluster());
  });
  afterAll(() => client?.close());

  const inEtcd = (command: string[], extra: Partial<ExecRequest> = {}): ExecRequest => ({ namespace: 'kube-system', pod: 'etcd-minikube', container: 'etcd', command, ...extra });

  it('passes every byte of stdin through cat and back (v5, stdin closed with ff 00)', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 7);
    const result = await execInPod(client, inEtcd(['cat'], { stdin: data }));
    expect(result.protocol).toBe('v5.channel.k8s.io');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.equals(data)).toBe(true);
  });

  it('passes arguments verbatim: spaces, quotes, $() and ; reach the program as one argument each', async () => {
    const odd = [`a key with spaces`, `"double" 'single'`, '$(touch /tmp/pwned)', 'x; rm -rf /', '`id`', '*'];
    const result = await execInPod(client, inEtcd(['sh', '-c', 'for a in "$@"; do printf "%s\\n" "$a"; done', 'sh', ...odd]));
    expect(result.stdout.toString()).toBe(odd.map((a) => `${a}\n`).join(''));
  });

  it('reports a non-zero exit code with what the command printed', async () => {
    const result = await execInPod(client, inEtcd(['sh', '-c', 'echo out; echo err >&2; exit 3']));
    expect(result).toMatchObject({ exitCode: 3 });
    expect(result.stdout.toString()).toBe('out\n');
    expect(result.stderr.toString()).toBe('err\n');
  });

  it('streams stdout to a consumer that holds the stream back (backpressure), losing nothing', async () => {
    const data = randomBytes(2 * 1024 * 1024);
    const received: Buffer[] = [];
    const result = await execInPod(
      client,
      inEtcd(['cat'], {
        stdin: data,
        onStdout: async (chunk) => {
          received.push(chunk);
          await new Promise((resolve) => setImmediate(resolve));
        },
      }),
    );
    expect(result.stdout.length).toBe(0);
    expect(Buffer.concat(received).equals(data)).toBe(true);
  });

  it('falls back to v4 when v5 is not offered back: commands without input work, input is refused with the reason', async () => {
    const result = await execInPod(client, inEtcd(['etcdctl', 'version'], { protocols: [V4] }));
    expect(result.protocol).toBe(V4);
    expect(result.stdout.toString()).toMatch(/^etcdctl version: /);
    const withInput = execInPod(client, inEtcd(['cat'], { protocols: [V4], stdin: Buffer.from('x') }));
    await expect(withInput).rejects.toThrow(/sending input to cat in pod kube-system\/etcd-minikube needs the v5\.channel\.k8s\.io exec protocol/);
  });

  it('names a program that is not in the image', async () => {
    const error = await execInPod(client, inEtcd(['kubectl-etcd-no-such-program'])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandNotStartedError);
    expect((error as CommandNotStartedError).missingProgram).toBe('kubectl-etcd-no-such-program');
  });

  it('turns a missing pod and a wrong container into their Status messages', async () => {
    await expect(execInPod(client, { ...inEtcd(['true']), pod: 'etcd-nowhere' })).rejects.toThrow('pods "etcd-nowhere" not found');
    const error = await execInPod(client, { ...inEtcd(['true']), container: 'etcdx' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).message).toMatch(/container etcdx is not valid for pod etcd-minikube/);
  });

  it('names the verb, resource and namespace RBAC denies, with exit status 5', async () => {
    cluster().faults.deny.push({ verb: 'create', resource: 'pods/exec', namespace: 'kube-system' });
    try {
      const error = (await execInPod(client, inEtcd(['true'])).catch((e: unknown) => e)) as ClusterError;
      expect(error.message).toBe('RBAC does not allow kubernetes-admin to create pods/exec in namespace kube-system');
      expect(error.exitCode).toBe(ExitCode.forbidden);
      expect(error.hint).toMatch(/kubectl auth can-i create pods\/exec -n kube-system/);
    } finally {
      cluster().faults.deny.length = 0;
    }
  });

  it('reports a stream cut before the exit status as incomplete, never as output', async () => {
    cluster().faults.cutStreamAfterBytes = 100_000;
    try {
      const streamed: Buffer[] = [];
      const error = await execInPod(client, inEtcd(['cat'], { stdin: randomBytes(1024 * 1024), onStdout: (chunk) => void streamed.push(chunk) })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamCutError);
      expect((error as StreamCutError).receivedBytes).toBe(Buffer.concat(streamed).length);
      expect((error as StreamCutError).receivedBytes).toBeLessThanOrEqual(100_000);
      expect((error as StreamCutError).message).toMatch(/the output is incomplete/);
    } finally {
      delete cluster().faults.cutStreamAfterBytes;
    }
  });

  it('ends the remote command when interrupted (Ctrl-C)', async () => {
    const marker = `${4000 + Math.floor(Math.random() * 1000)}`;
    const running = async () => (await commandLines()).includes(`/bin/sleep ${marker}`);
    const interrupt = new AbortController();
    const execution = execInPod(client, inEtcd(['sleep', marker], { signal: interrupt.signal })).catch((e: unknown) => e);
    await eventually(running, `sleep ${marker} to start`);
    interrupt.abort();
    const error = (await execution) as ClusterError;
    expect(error.exitCode).toBe(ExitCode.interrupted);
    await eventually(async () => !(await running()), `sleep ${marker} to end`);
  });

  it('fails fast with the reason when the API server is not there', async () => {
    const gone = new ApiClient({ ...client.access, server: 'https://127.0.0.1:1' });
    const error = (await execInPod(gone, inEtcd(['true'])).catch((e: unknown) => e)) as ClusterError;
    expect(error.message).toBe('cannot reach the API server at https://127.0.0.1:1: connection refused (is the cluster running, is this the right context?)');
    expect(error.exitCode).toBe(ExitCode.unreachable);
    gone.close();
  });
});
