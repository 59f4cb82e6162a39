/**
 * Exec and port-forward against the stand-in API server: @kubernetes/client-node's Exec and PortForward, and a
 * raw `ws` client that checks the wire bytes (channel byte, v5 stream close, status channel, refusals).
 */
import { Exec, KubeConfig, PortForward, type V1Status } from '@kubernetes/client-node';
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { PassThrough, Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startApiServerFixture, type ApiServerFixture } from './apiserver-fixture.js';

let fixture: ApiServerFixture;
let config: KubeConfig;

beforeAll(async () => {
  fixture = await startApiServerFixture();
  config = new KubeConfig();
  config.loadFromFile(fixture.kubeconfigPath);
});

afterAll(async () => {
  await fixture?.stop();
});

class Collector extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    this.emit('data-arrived');
    done();
  }
  get text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** client-node's Exec, waiting for the status its callback reports (the returned promise resolves at open). */
async function clientNodeExec(pod: string, container: string, command: string[], stdin?: Readable) {
  const stdout = new Collector();
  const stderr = new Collector();
  const status = await new Promise<V1Status>((resolve, reject) => {
    new Exec(config)
      .exec('kube-system', pod, container, command, stdout, stderr, stdin ?? null, false, resolve)
      .catch(reject);
  });
  return { stdout: stdout.text, stderr: stderr.text, status };
}

describe('client-node Exec', () => {
  it('gets stdout, stderr and Success for a succeeding command', async () => {
    const result = await clientNodeExec('etcd-node1', 'etcd', ['sh', '-c', 'cat /data/hello.txt; echo warning >&2']);
    expect(result).toEqual({ stdout: 'hello from the container\n', stderr: 'warning\n', status: { metadata: {}, status: 'Success' } });
  });

  it('gets the exit code of a failing command as a NonZeroExitCode status', async () => {
    const result = await clientNodeExec('etcd-node1', 'etcd', ['sh', '-c', 'echo partial; echo broken >&2; exit 3']);
    expect(result.stdout).toBe('partial\n');
    expect(result.stderr).toBe('broken\n');
    expect(result.status).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: command terminated with exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });

  it('feeds stdin and closes it with the v5 stream close, keeping the output', async () => {
    const result = await clientNodeExec('etcd-node1', 'etcd', ['cat'], Readable.from([Buffer.from('line one\n'), Buffer.from('line two\n')]));
    expect(result.stdout).toBe('line one\nline two\n');
    expect(result.status.status).toBe('Success');
  });

  it('carries 32 MiB of stdin byte-exactly (checked by sha256sum in the container)', async () => {
    const data = randomBytes(32 * 1024 * 1024);
    const chunks = Array.from({ length: 512 }, (_, i) => data.subarray(i * 65536, (i + 1) * 65536));
    const result = await clientNodeExec('etcd-node1', 'etcd', ['sha256sum'], Readable.from(chunks));
    expect(result.stdout).toBe(`${createHash('sha256').update(data).digest('hex')}  -\n`);
    expect(result.status.status).toBe('Success');
  });

  it('reports a command missing from a distroless image as containerd does, through the v5 translator', async () => {
    const result = await clientNodeExec('kube-apiserver-node1', 'kube-apiserver', ['tar', 'cf', '-', '/']);
    expect(result.stdout).toBe('');
    expect(result.status).toMatchObject({ status: 'Failure', reason: 'InternalError', code: 500 });
    expect(result.status.message).toMatch(
      /^Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "tar": executable file not found in \$PATH: unknown$/,
    );
    const absolute = await clientNodeExec('kube-apiserver-node1', 'kube-apiserver', ['/bin/sh', '-c', 'true']);
    expect(absolute.status.message).toContain('exec: "/bin/sh": stat /bin/sh: no such file or directory: unknown');
  });
});

interface RawSession {
  protocol: string;
  frames: Buffer[];
  closeCode: number;
}

function execUrl(pod: string, query: string): string {
  return `${fixture.server.url.replace('https', 'wss')}/api/v1/namespaces/kube-system/pods/${pod}/exec?${query}`;
}

function clientTls() {
  return { ca: fixture.server.caCertPem, cert: fixture.pki.admin.certPem, key: fixture.pki.admin.keyPem };
}

/** Opens a raw WebSocket, sends `input` frames once open, and collects every frame until the socket closes. */
function rawSession(url: string, protocols: string[], input: Buffer[] = []): Promise<RawSession> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, clientTls());
    const frames: Buffer[] = [];
    ws.on('open', () => input.forEach((frame) => ws.send(frame)));
    ws.on('message', (data) => frames.push(data as Buffer));
    ws.on('close', (code) => resolve({ protocol: ws.protocol, frames, closeCode: code }));
    ws.on('unexpected-response', (_request, response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => reject(Object.assign(new Error(`HTTP ${response.statusCode}`), { statusCode: response.statusCode, body: Buffer.concat(chunks).toString('utf8') })));
    });
    ws.on('error', (error) => {
      if (!('statusCode' in error)) reject(error);
    });
  });
}

async function refusal(url: string, protocols: string[]): Promise<{ statusCode: number; body: string }> {
  const error = await rawSession(url, protocols).then(
    () => undefined,
    (e: unknown) => e as { statusCode: number; body: string },
  );
  if (error?.statusCode === undefined) throw new Error('the upgrade was expected to be refused');
  return { statusCode: error.statusCode, body: error.body };
}

function payloadOf(frames: Buffer[], channel: number): Buffer {
  return Buffer.concat(frames.filter((frame) => frame[0] === channel).map((frame) => frame.subarray(1)));
}

/** The command lines of the processes on this machine, arguments joined by NUL. */
async function commandLines(): Promise<string[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const lines = await Promise.all(pids.map((pid) => readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')));
  return lines.map((line) => line.replace(/\0$/, ''));
}

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

describe('exec wire protocol', () => {
  it('v5: announces with an empty stdout frame, echoes stdin byte-exactly, ends with the Success status', async () => {
    const session = await rawSession(execUrl('etcd-node1', 'command=cat&stdin=true&stdout=true&stderr=true'), ['v5.channel.k8s.io'], [
      Buffer.concat([Buffer.from([0]), ALL_BYTES]),
      Buffer.from([0xff, 0]),
    ]);
    expect(session.protocol).toBe('v5.channel.k8s.io');
    expect(session.frames[0]).toEqual(Buffer.from([1]));
    expect(payloadOf(session.frames, 1)).toEqual(ALL_BYTES);
    expect(session.frames.at(-1)).toEqual(Buffer.concat([Buffer.from([3]), Buffer.from('{"metadata":{},"status":"Success"}')]));
    expect(session.closeCode).toBe(1000);
  });

  it('picks v5 whenever the client offers it, as the API server translator does', async () => {
    const session = await rawSession(execUrl('etcd-node1', 'command=true&stdout=true'), ['v4.channel.k8s.io', 'v5.channel.k8s.io']);
    expect(session.protocol).toBe('v5.channel.k8s.io');
  });

  it('v4: the runtime\'s own status wording, no stream close (0xff frames are ignored)', async () => {
    const session = await rawSession(
      execUrl('etcd-node1', 'command=sh&command=-c&command=head%20-c%203;%20exit%207&stdin=true&stdout=true'),
      ['v4.channel.k8s.io'],
      [Buffer.from([0xff, 0]), Buffer.from([0, 0x61, 0x62, 0x63])],
    );
    expect(session.protocol).toBe('v4.channel.k8s.io');
    expect(payloadOf(session.frames, 1).toString()).toBe('abc');
    expect(JSON.parse(payloadOf(session.frames, 3).toString())).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c head -c 3; exit 7], exit code 7',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '7' }] },
    });
  });

  it('channel.k8s.io: a failure arrives as plain text on channel 3, success as nothing', async () => {
    const failed = await rawSession(execUrl('etcd-node1', 'command=sh&command=-c&command=exit%202&stdout=true'), ['channel.k8s.io']);
    expect(payloadOf(failed.frames, 3).toString()).toBe(
      'command terminated with non-zero exit code: error executing command [sh -c exit 2], exit code 2',
    );
    const succeeded = await rawSession(execUrl('etcd-node1', 'command=true&stdout=true'), ['channel.k8s.io']);
    expect(payloadOf(succeeded.frames, 3)).toEqual(Buffer.alloc(0));
  });

  it('refuses an unsupported subprotocol with 403 and an empty body', async () => {
    expect(await refusal(execUrl('etcd-node1', 'command=true&stdout=true'), ['v3.channel.k8s.io', 'foo'])).toEqual({ statusCode: 403, body: '' });
  });

  it('answers errors before the upgrade as Status JSON: 404 pod, 400 container', async () => {
    const missing = await refusal(execUrl('etcd-nope', 'command=true&stdout=true'), ['v5.channel.k8s.io']);
    expect(missing.statusCode).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'pods "etcd-nope" not found' });
    const container = await refusal(execUrl('etcd-node1', 'command=true&stdout=true&container=nope'), ['v5.channel.k8s.io']);
    expect(container.statusCode).toBe(400);
    expect(JSON.parse(container.body)).toMatchObject({ reason: 'BadRequest', message: 'container nope is not valid for pod etcd-node1' });
  });

  it('answers a denied pods/exec with the real 403: get for the GET request, then the synthetic create check', async () => {
    for (const verb of ['get', 'create']) {
      fixture.faults.deny = [{ verb, resource: 'pods/exec', namespace: 'kube-system' }];
      try {
        const denied = await refusal(execUrl('etcd-node1', 'command=true&stdout=true'), ['v5.channel.k8s.io']);
        expect(denied.statusCode).toBe(403);
        expect(JSON.parse(denied.body)).toEqual({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `pods "etcd-node1" is forbidden: User "kubernetes-admin" cannot ${verb} resource "pods/exec" in API group "" in the namespace "kube-system"`,
          reason: 'Forbidden',
          details: { name: 'etcd-node1', kind: 'pods' },
          code: 403,
        });
      } finally {
        fixture.faults.deny = [];
      }
    }
  });

  it('answers 500 before the upgrade while the server-error fault is on', async () => {
    fixture.faults.serverError = true;
    try {
      const failed = await refusal(execUrl('etcd-node1', 'command=true&stdout=true'), ['v5.channel.k8s.io']);
      expect(failed.statusCode).toBe(500);
      expect(JSON.parse(failed.body)).toMatchObject({ reason: 'InternalError', code: 500 });
    } finally {
      fixture.faults.serverError = false;
    }
  });

  it('cuts the stream after exactly N output bytes: abnormal close, no status', async () => {
    fixture.faults.cutStreamAfterBytes = 100_000;
    try {
      const session = await rawSession(execUrl('etcd-node1', 'command=sh&command=-c&command=yes%20|%20head%20-c%201000000&stdout=true'), ['v5.channel.k8s.io']);
      expect(payloadOf(session.frames, 1).length).toBe(100_000);
      expect(session.frames.some((frame) => frame[0] === 3)).toBe(false);
      expect(session.closeCode).toBe(1006);
    } finally {
      delete fixture.faults.cutStreamAfterBytes;
    }
  });

  it('kills the command when the client goes away before it ends', async () => {
    const sleeping = (lines: string[]) => lines.includes('/bin/sleep\u00004242.5');
    const waitUntil = async (condition: (lines: string[]) => boolean) => {
      // Polls without a deadline of its own: the test's timeout bounds it.
      while (!condition(await commandLines())) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const ws = new WebSocket(execUrl('etcd-node1', 'command=sleep&command=4242.5&stdout=true'), ['v5.channel.k8s.io'], clientTls());
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    await waitUntil(sleeping);
    const closed = new Promise((resolve) => ws.once('close', resolve));
    ws.terminate();
    await closed;
    await waitUntil((lines) => !sleeping(lines));
  });

  it('throttles output to the configured rate (the transfer cannot finish sooner)', async () => {
    fixture.faults.streamBytesPerSecond = 40_000;
    try {
      const started = Date.now();
      const big = await rawSession(execUrl('etcd-node1', 'command=sh&command=-c&command=yes%20|%20head%20-c%2020000&stdout=true'), ['v5.channel.k8s.io']);
      expect(payloadOf(big.frames, 1).length).toBe(20_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    } finally {
      delete fixture.faults.streamBytesPerSecond;
    }
  });

  it('streams 128 MiB byte-exactly while the server buffers a bounded amount for a stalled reader', async () => {
    const total = 128 * 1024 * 1024;
    const line = Buffer.from('0123456789abcdef\n');
    const expected = createHash('sha256');
    for (let sent = 0; sent < total; sent += line.length) expected.update(line.subarray(0, Math.min(line.length, total - sent)));
    const received = createHash('sha256');
    let bytes = 0;
    let rssGrowthWhileStalled = 0;
    await new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(execUrl('etcd-node1', `command=sh&command=-c&command=yes%200123456789abcdef%20|%20head%20-c%20${total}&stdout=true`), ['v5.channel.k8s.io'], clientTls());
      let stalled = false;
      ws.on('message', (data: Buffer) => {
        if (data[0] !== 1) return;
        received.update(data.subarray(1));
        bytes += data.length - 1;
        if (!stalled && bytes > 1024 * 1024) {
          stalled = true;
          const before = process.memoryUsage().rss;
          ws.pause();
          setTimeout(() => {
            rssGrowthWhileStalled = process.memoryUsage().rss - before;
            ws.resume();
          }, 1500);
        }
      });
      ws.on('close', () => resolve());
      ws.on('error', reject);
    });
    expect(bytes).toBe(total);
    expect(received.digest('hex')).toBe(expected.digest('hex'));
    expect(rssGrowthWhileStalled).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('port-forward', () => {
  let echo: Server;
  let echoPort: number;

  beforeAll(async () => {
    echo = createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    echoPort = (echo.address() as { port: number }).port;
    fixture.etcdPod.ports = { 2379: echoPort };
  });

  afterAll(async () => {
    await new Promise((resolve) => echo.close(resolve));
  });

  it('forwards a pod port with client-node PortForward (data channel after the 2-byte port header)', async () => {
    const output = new Collector();
    const errors = new Collector();
    const input = new PassThrough();
    const echoed = new Promise<void>((resolve) => output.on('data-arrived', () => output.text === 'ping\n' && resolve()));
    const ws = (await new PortForward(config).portForward('kube-system', 'etcd-node1', [2379], output, errors, input)) as WebSocket;
    input.write('ping\n');
    await echoed;
    ws.close();
    expect(output.text).toBe('ping\n');
    expect(errors.text).toBe('');
  });

  it('opens data and error channels with the port header and reports a refused port on the error channel', async () => {
    const url = `${fixture.server.url.replace('https', 'wss')}/api/v1/namespaces/kube-system/pods/etcd-node1/portforward?ports=2380`;
    const session = await rawSession(url, ['v4.channel.k8s.io']);
    expect(session.frames.slice(0, 2)).toEqual([Buffer.from([0, 0x4c, 0x09]), Buffer.from([1, 0x4c, 0x09])]);
    expect(payloadOf(session.frames.slice(2), 1).toString()).toMatch(
      /^error forwarding port 2380 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace "host": failed to connect to localhost:2380 inside namespace "[0-9a-f]{64}", IPv4: dial tcp4 127\.0\.0\.1:2380: connect: connection refused IPv6 dial tcp6 \[::1\]:2380: connect: connection refused $/,
    );
  });
});
