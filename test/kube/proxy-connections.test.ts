/**
 * The API client and the exec WebSocket through real proxies: the stand-in API server behind the stand-in CONNECT
 * proxy (plain and TLS) and SOCKS5 server, each recording the tunnels it opened. Requests and exec work through
 * every kind, with and without credentials; the environment's rules hold (a name only the proxy resolves goes
 * through it, NO_PROXY and loopback addresses do not, in a pod as from a kubeconfig); each refusal is worded as
 * the proxy's and ends with the unreachable status; no password reaches a message. Where the real kubectl is on
 * PATH it is run with the same kubeconfigs and environments and must use the proxies exactly as kubectl-etcd does;
 * it also serves as an http:// API server (kubectl proxy), which kubectl-etcd reaches through a CONNECT tunnel too.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { ApiClient } from '../../src/kube/api-client.js';
import { ClusterError } from '../../src/kube/errors.js';
import { execInPod } from '../../src/kube/exec.js';
import { resolveApiServerAccess } from '../../src/kube/kubeconfig.js';
import { startApiServerFixture, type ApiServerFixture } from '../cluster/apiserver-fixture.js';
import { locateProgram } from '../cluster/host-tools.js';
import { kubectlUnavailable, runProgram, type Run } from '../cluster/kubectl-runner.js';
import { createCertificateAuthority } from '../cluster/pki.js';
import { startConnectProxy, startSocksProxy, writeKubeconfigVariant, type StandInProxy } from '../cluster/proxy.js';

const USER = 'proxy-user';
const PASSWORD = 'pa:ss@w0rd/%';

let fixture: ApiServerFixture;
let port: string;
const proxies: Record<string, StandInProxy> = {};

/** Names only the proxies resolve, to the stand-in API server; both are in its certificate. */
const HOSTS = { kubernetes: '127.0.0.1', 'kubernetes.default.svc': '127.0.0.1' };

beforeAll(async () => {
  fixture = await startApiServerFixture();
  port = new URL(fixture.server.url).port;
  const credentials = { user: USER, password: PASSWORD };
  const serving = { certPem: fixture.pki.tls.certPem, keyPem: fixture.pki.tls.keyPem };
  const selfSigned = await createCertificateAuthority(join(fixture.dir, 'untrusted'), 'proxy', '127.0.0.1');
  const started = await Promise.all([
    startConnectProxy({ hosts: HOSTS }),
    startConnectProxy({ hosts: HOSTS, credentials }),
    startConnectProxy({ hosts: HOSTS, tls: serving }),
    startSocksProxy({ hosts: HOSTS }),
    startSocksProxy({ hosts: HOSTS, credentials }),
    startConnectProxy({ refuseWith: 403 }),
    startSocksProxy({ refuseWith: 0x02 }),
    startConnectProxy({ tls: { certPem: await readFile(selfSigned.certPath, 'utf8'), keyPem: await readFile(selfSigned.keyPath, 'utf8') } }),
  ]);
  const names = ['http', 'httpAuth', 'https', 'socks', 'socksAuth', 'forbidding', 'socksForbidding', 'untrusted'];
  names.forEach((name, index) => (proxies[name] = started[index] as StandInProxy));
});

afterAll(async () => {
  await Promise.all(Object.values(proxies).map((proxy) => proxy.stop()));
  await fixture?.stop();
});

let written = 0;
/** The fixture's kubeconfig with another server address and/or a proxy-url. */
function kubeconfigWith(change: { server?: string; proxyUrl?: string }): Promise<string> {
  return writeKubeconfigVariant(fixture.kubeconfigPath, join(fixture.dir, `kubeconfig-${++written}`), change);
}

/** An API client as kubectl-etcd makes one, with `env` as its environment; its -v lines are collected. */
async function clientFor(kubeconfig: string, env: NodeJS.ProcessEnv = {}): Promise<{ client: ApiClient; lines: string[] }> {
  const lines: string[] = [];
  const client = new ApiClient(await resolveApiServerAccess({ kubeconfig }, {}), { env, verbose: (line) => lines.push(line) });
  return { client, lines };
}

const hello = { namespace: 'kube-system', pod: 'etcd-node1', container: 'etcd', command: ['cat', '/data/hello.txt'] };

async function failure(work: Promise<unknown>): Promise<ClusterError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClusterError);
  return error as ClusterError;
}

describe('requests and exec through each kind of proxy named by proxy-url', () => {
  const kinds: [string, string, string | undefined][] = [
    ['an http:// CONNECT proxy', 'http', undefined],
    ['an http:// CONNECT proxy that wants credentials', 'httpAuth', USER],
    ['an https:// CONNECT proxy (TLS to the proxy, then TLS to the API server inside)', 'https', undefined],
    ['a SOCKS5 server', 'socks', undefined],
    ['a SOCKS5 server that wants a user name and password', 'socksAuth', USER],
  ];
  it.each(kinds)('%s', async (_name, kind, user) => {
    const proxy = proxies[kind] as StandInProxy;
    const proxyUrl = user ? proxy.urlWith(USER, PASSWORD) : proxy.url;
    const { client, lines } = await clientFor(await kubeconfigWith({ proxyUrl }));
    const before = proxy.tunnels.length;
    try {
      // Exec first, on a fresh client: the WebSocket opens its own connection through the agent.
      const result = await execInPod(client, hello);
      expect(result.stdout.toString()).toBe('hello from the container\n');
      expect(proxy.tunnels.length).toBe(before + 1);
      const pods = await client.getJson<{ items: { metadata: { name: string } }[] }>('/api/v1/namespaces/kube-system/pods');
      expect(pods.items.map((p) => p.metadata.name)).toEqual(['etcd-node1', 'kube-apiserver-node1']);
      const opened = proxy.tunnels.slice(before);
      expect(opened.length).toBeGreaterThanOrEqual(2);
      expect(new Set(opened.map((t) => JSON.stringify(t)))).toEqual(new Set([JSON.stringify({ target: `127.0.0.1:${port}`, user, outcome: 'open' })]));
      expect(lines).toEqual([`proxy ${proxy.url} (proxy-url in the kubeconfig)`]);
    } finally {
      client.close();
    }
  });
});

describe('the environment, as kubectl reads it', () => {
  it('HTTPS_PROXY carries requests and exec to a server only the proxy can resolve', async () => {
    const { client, lines } = await clientFor(await kubeconfigWith({ server: `https://kubernetes:${port}` }), { HTTPS_PROXY: proxies['socks']?.url });
    try {
      expect((await execInPod(client, hello)).stdout.toString()).toBe('hello from the container\n');
      expect(await client.getJson<{ gitVersion: string }>('/version')).toMatchObject({ gitVersion: expect.stringMatching(/^v1\./) });
      expect(proxies['socks']?.tunnels.at(-1)).toEqual({ target: `kubernetes:${port}`, user: undefined, outcome: 'open' });
      expect(lines).toEqual([`proxy ${proxies['socks']?.url} (HTTPS_PROXY)`]);
    } finally {
      client.close();
    }
  });

  it('NO_PROXY sends it directly: the name is then unknown, and the proxy saw nothing', async () => {
    const proxy = proxies['http'] as StandInProxy;
    const before = proxy.tunnels.length;
    const { client, lines } = await clientFor(await kubeconfigWith({ server: `https://kubernetes:${port}` }), { https_proxy: proxy.url, NO_PROXY: 'example.com,kubernetes' });
    try {
      const error = await failure(client.getJson('/version'));
      expect(error.message).toBe(`cannot reach the API server at https://kubernetes:${port}: host not found`);
      expect(error.exitCode).toBe(ExitCode.unreachable);
      expect(proxy.tunnels.length).toBe(before);
      expect(lines).toEqual(['no proxy (https_proxy not used: NO_PROXY entry "kubernetes" covers kubernetes)']);
    } finally {
      client.close();
    }
  });

  it.each(['127.0.0.1', 'localhost'])('a server at %s is reached directly, whatever HTTPS_PROXY says', async (host) => {
    const proxy = proxies['http'] as StandInProxy;
    const before = proxy.tunnels.length;
    const { client } = await clientFor(await kubeconfigWith({ server: `https://${host}:${port}` }), { HTTPS_PROXY: proxy.url });
    try {
      expect((await execInPod(client, hello)).exitCode).toBe(0);
      expect(proxy.tunnels.length).toBe(before);
    } finally {
      client.close();
    }
  });

  it('in a pod (the service account, no kubeconfig) the same rules apply', async () => {
    const serviceAccount = join(fixture.dir, 'serviceaccount');
    await mkdir(serviceAccount, { recursive: true });
    await writeFile(join(serviceAccount, 'token'), 'sa-token\n');
    await writeFile(join(serviceAccount, 'ca.crt'), fixture.pki.tls.caCertPem);
    const inPod = { KUBERNETES_SERVICE_HOST: 'kubernetes.default.svc', KUBERNETES_SERVICE_PORT: port, HOME: join(fixture.dir, 'nowhere') };
    const access = await resolveApiServerAccess({}, inPod, serviceAccount);
    const proxy = proxies['https'] as StandInProxy;
    const through = new ApiClient(access, { env: { HTTPS_PROXY: proxy.url } });
    const direct = new ApiClient(access, { env: { HTTPS_PROXY: proxy.url, NO_PROXY: '.svc' } });
    try {
      expect(await through.getJson<{ gitVersion: string }>('/version')).toMatchObject({ gitVersion: expect.stringMatching(/^v1\./) });
      expect(proxy.tunnels.at(-1)).toEqual({ target: `kubernetes.default.svc:${port}`, user: undefined, outcome: 'open' });
      const before = proxy.tunnels.length;
      expect((await failure(direct.getJson('/version'))).message).toMatch(/host not found$/);
      expect(proxy.tunnels.length).toBe(before);
    } finally {
      through.close();
      direct.close();
    }
  });
});

describe("the proxy's refusals, in words, as unreachable (exit 4), without credentials", () => {
  async function refusal(proxyUrl: string, server?: string): Promise<ClusterError> {
    const { client } = await clientFor(await kubeconfigWith({ proxyUrl, ...(server ? { server } : {}) }));
    try {
      const error = await failure(client.getJson('/version'));
      // The exec WebSocket meets the same refusal through the same agent.
      const execError = await failure(execInPod(client, hello));
      expect(execError.message).toBe(error.message);
      expect(error.exitCode).toBe(ExitCode.unreachable);
      expect(`${error.message}\n${error.hint ?? ''}`).not.toContain(PASSWORD);
      expect(`${error.message}\n${error.hint ?? ''}`).not.toContain(encodeURIComponent(PASSWORD));
      return error;
    } finally {
      client.close();
    }
  }

  it('407 without credentials: says so, and where they go', async () => {
    const proxy = proxies['httpAuth'] as StandInProxy;
    const error = await refusal(proxy.url);
    expect(error.message).toBe(
      `the proxy ${proxy.url} (proxy-url in the kubeconfig) answered 407 Proxy Authentication Required to CONNECT 127.0.0.1:${port} (the proxy's answer, not the API server's): it wants a user name and password`,
    );
    expect(error.hint).toBe(`put them in the proxy URL: http://USER:PASSWORD@${new URL(proxy.url).host}`);
    expect(proxy.tunnels.at(-1)).toEqual({ target: `127.0.0.1:${port}`, user: undefined, outcome: '407' });
  });

  it('407 with the wrong password', async () => {
    const proxy = proxies['httpAuth'] as StandInProxy;
    const error = await refusal(proxy.urlWith(USER, `not-${PASSWORD}`));
    expect(error.message).toMatch(/answered 407 Proxy Authentication Required to CONNECT .*: it did not accept the user name and password in the proxy URL$/);
    expect(proxy.tunnels.at(-1)).toEqual({ target: `127.0.0.1:${port}`, user: USER, outcome: '407' });
  });

  it('403: the proxy does not allow the tunnel', async () => {
    const proxy = proxies['forbidding'] as StandInProxy;
    expect((await refusal(proxy.url)).message).toBe(
      `the proxy ${proxy.url} (proxy-url in the kubeconfig) answered 403 Forbidden to CONNECT 127.0.0.1:${port} (the proxy's answer, not the API server's): it does not allow a tunnel to 127.0.0.1:${port}`,
    );
  });

  it('502: the proxy could not reach the API server', async () => {
    const proxy = proxies['http'] as StandInProxy;
    const closed = await closedPort();
    expect((await refusal(proxy.url, `https://127.0.0.1:${closed}`)).message).toBe(
      `the proxy ${proxy.url} (proxy-url in the kubeconfig) answered 502 Bad Gateway to CONNECT 127.0.0.1:${closed} (the proxy's answer, not the API server's): it could not reach 127.0.0.1:${closed}`,
    );
  });

  it('the proxy is not there', async () => {
    const closed = await closedPort();
    expect((await refusal(`http://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${closed}`)).message).toBe(
      `cannot reach the proxy http://127.0.0.1:${closed} (proxy-url in the kubeconfig): connection refused`,
    );
  });

  it("an https:// proxy whose certificate the kubeconfig's CA did not sign", async () => {
    const proxy = proxies['untrusted'] as StandInProxy;
    expect((await refusal(proxy.url)).message).toBe(`cannot reach the proxy ${proxy.url} (proxy-url in the kubeconfig): its certificate is self-signed and not trusted by the kubeconfig's certificate authority`);
  });

  it('SOCKS5: reply codes in words', async () => {
    const forbidding = proxies['socksForbidding'] as StandInProxy;
    expect((await refusal(forbidding.url)).message).toBe(
      `the proxy ${forbidding.url} (proxy-url in the kubeconfig) could not connect to 127.0.0.1:${port}: connection not allowed by ruleset (the proxy's answer, not the API server's)`,
    );
    const socks = proxies['socks'] as StandInProxy;
    const closed = await closedPort();
    expect((await refusal(socks.url, `https://127.0.0.1:${closed}`)).message).toBe(
      `the proxy ${socks.url} (proxy-url in the kubeconfig) could not connect to 127.0.0.1:${closed}: connection refused (the proxy's answer, not the API server's)`,
    );
  });

  it('SOCKS5: credentials missing or refused', async () => {
    const proxy = proxies['socksAuth'] as StandInProxy;
    const missing = await refusal(proxy.url);
    expect(missing.message).toBe(`the proxy ${proxy.url} (proxy-url in the kubeconfig) accepts no connection without authentication`);
    expect(missing.hint).toBe(`put a user name and password in the proxy URL: socks5://USER:PASSWORD@${new URL(proxy.url).host}`);
    expect((await refusal(proxy.urlWith(USER, 'wrong'))).message).toBe(`the proxy ${proxy.url} (proxy-url in the kubeconfig) did not accept the user name and password in the proxy URL`);
    expect(proxy.tunnels.at(-1)).toEqual({ target: '', user: USER, outcome: 'socks auth' });
  });

  it('a proxy that never answers: the tunnel gives up after the request deadline', async () => {
    const silent = await listening();
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const client = new ApiClient(await resolveApiServerAccess({ kubeconfig: await kubeconfigWith({ proxyUrl: url }) }, {}), { timeoutMs: 300 });
      try {
        expect((await failure(client.getJson('/version'))).message).toBe(`the proxy ${url} (proxy-url in the kubeconfig) did not open the tunnel to 127.0.0.1:${port} within 0.3 s`);
      } finally {
        client.close();
      }
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('closing the client ends a tunnel still being opened: its request fails then, not at its deadline', async () => {
    const silent = await listening();
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const client = new ApiClient(await resolveApiServerAccess({ kubeconfig: await kubeconfigWith({ proxyUrl: url }) }, {}));
      const pending = failure(client.getJson('/version'));
      await once(silent, 'connection');
      client.close();
      expect((await pending).message).toBe('the API client was closed while a tunnel through the proxy was being opened');
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

/** A TCP server that reads what it is sent and never answers; the caller closes it. */
async function listening(): Promise<Server> {
  const server = createServer((socket) => socket.resume());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** A port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = await listening();
  const { port: free } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return free;
}

const kubectlMissing = await kubectlUnavailable();

describe.skipIf(kubectlMissing !== undefined)(`the real kubectl through the same proxies${kubectlMissing ? ` (skipped: ${kubectlMissing})` : ''}`, () => {
  async function kubectl(kubeconfig: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
    const program = (await locateProgram('kubectl')) ?? 'kubectl';
    return runProgram(program, ['--kubeconfig', kubeconfig, ...args], { PATH: process.env['PATH'], HOME: fixture.dir, KUBECACHEDIR: join(fixture.dir, 'kube-cache'), ...env });
  }

  it.each(['http', 'httpAuth', 'https', 'socks', 'socksAuth'])('proxy-url of kind %s: kubectl get and exec go through it', async (kind) => {
    const proxy = proxies[kind] as StandInProxy;
    const kubeconfig = await kubeconfigWith({ proxyUrl: kind.endsWith('Auth') ? proxy.urlWith(USER, PASSWORD) : proxy.url });
    const before = proxy.tunnels.length;
    const pods = await kubectl(kubeconfig, ['get', 'pods', '-n', 'kube-system', '-o', 'name']);
    expect(pods).toEqual({ code: 0, stdout: 'pod/etcd-node1\npod/kube-apiserver-node1\n', stderr: '' });
    const afterGet = proxy.tunnels.length;
    expect(afterGet).toBeGreaterThan(before);
    const exec = await kubectl(kubeconfig, ['exec', '-n', 'kube-system', 'etcd-node1', '--', 'cat', '/data/hello.txt']);
    if (kind === 'https') {
      // client-go's WebSocket exec cannot use an https:// proxy and falls back to SPDY (IsHTTPSProxyError), which
      // goes through the proxy but which the stand-in API server does not speak. kubectl-etcd execs over WebSocket here.
      expect(exec).toEqual({ code: 1, stdout: '', stderr: 'Error from server (BadRequest): the stand-in API server speaks WebSocket only, not SPDY\n' });
    } else {
      // kubectl sometimes logs a frame it discards after its stream ended; the outcome is what counts.
      expect({ code: exec.code, stdout: exec.stdout }).toEqual({ code: 0, stdout: 'hello from the container\n' });
    }
    expect(proxy.tunnels.length).toBeGreaterThan(afterGet);
    const user = kind.endsWith('Auth') ? USER : undefined;
    expect(new Set(proxy.tunnels.slice(before).map((t) => JSON.stringify(t)))).toEqual(new Set([JSON.stringify({ target: `127.0.0.1:${port}`, user, outcome: 'open' })]));
  });

  it('an http:// API server (kubectl proxy in front of the stand-in) is reached through a CONNECT tunnel too', async () => {
    const program = (await locateProgram('kubectl')) ?? 'kubectl';
    // The kubeconfig's admin credentials stay with kubectl proxy; exec is let through, and the Host a tunnel carries.
    const child = spawn(program, ['--kubeconfig', fixture.kubeconfigPath, 'proxy', '--port=0', '--accept-hosts=.*', '--reject-paths=^/nothing$'], { env: { PATH: process.env['PATH'], HOME: fixture.dir } });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const served = /Starting to serve on 127\.0\.0\.1:(\d+)/.exec(line.toString())?.[1];
      const proxy = proxies['http'] as StandInProxy;
      const { client, lines } = await clientFor(await kubeconfigWith({ server: `http://kubernetes:${served}` }), { HTTP_PROXY: proxy.url, HTTPS_PROXY: 'http://127.0.0.1:1' });
      try {
        expect(await client.getJson<{ gitVersion: string }>('/version')).toMatchObject({ gitVersion: expect.stringMatching(/^v1\./) });
        expect((await execInPod(client, hello)).stdout.toString()).toBe('hello from the container\n');
        expect(proxy.tunnels.at(-1)).toEqual({ target: `kubernetes:${served}`, user: undefined, outcome: 'open' });
        expect(lines).toEqual([`proxy ${proxy.url} (HTTP_PROXY)`]);
      } finally {
        client.close();
      }
    } finally {
      child.kill();
    }
  });

  it('kubectl fails on the 407 too, and the proxy saw it ask without credentials', async () => {
    const proxy = proxies['httpAuth'] as StandInProxy;
    const result = await kubectl(await kubeconfigWith({ proxyUrl: proxy.url }), ['get', '--raw', '/version']);
    expect(result.code).not.toBe(0);
    expect(proxy.tunnels.at(-1)).toEqual({ target: `127.0.0.1:${port}`, user: undefined, outcome: '407' });
  });

  /** This machine's first non-loopback IPv4 address: reached directly it refuses at once (nothing listens there). */
  const ownAddress = Object.values(networkInterfaces())
    .flat()
    .find((a) => a?.family === 'IPv4' && !a.internal)?.address;

  // Server host, NO_PROXY: does the request go through HTTPS_PROXY? kubectl and kubectl-etcd must agree.
  const cases: [string, string][] = [
    ['kubernetes', ''],
    ['kubernetes', 'kubernetes'],
    ['kubernetes', 'example.com, .kubernetes'],
    ['kubernetes.default.svc', '.svc'],
    ['kubernetes.default.svc', 'default.svc:443'],
    ['kubernetes.default.svc', `default.svc:PORT`],
    ['kubernetes.default.svc', '*.default.svc'],
    ['kubernetes.default.svc', '*'],
    ['127.0.0.1', ''],
    ['localhost', ''],
    ...(ownAddress ? ([[ownAddress, ''], [ownAddress, `${ownAddress.split('.').slice(0, 2).join('.')}.0.0/16`], [ownAddress, `${ownAddress}:PORT`], [ownAddress, `${ownAddress}:1`]] as [string, string][]) : []),
  ];
  it.each(cases)('server %s, NO_PROXY "%s"', async (host, noProxyTemplate) => {
    const noProxy = noProxyTemplate.replace('PORT', port);
    const proxy = await startConnectProxy({ hosts: { ...HOSTS, ...(ownAddress ? { [ownAddress]: '127.0.0.1' } : {}) } });
    try {
      const kubeconfig = await kubeconfigWith({ server: `https://${host}:${port}` });
      const env = { HTTPS_PROXY: proxy.url, NO_PROXY: noProxy };
      await kubectl(kubeconfig, ['get', '--raw', '/version'], env);
      const kubectlTunnels = proxy.tunnels.length;
      const { client } = await clientFor(kubeconfig, env);
      await client.getJson('/version').catch(() => undefined);
      client.close();
      expect(proxy.tunnels.length - kubectlTunnels).toBe(kubectlTunnels > 0 ? 1 : 0);
    } finally {
      await proxy.stop();
    }
  });
});
