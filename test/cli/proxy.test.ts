/**
 * The built kubectl-etcd against the stand-in cluster (kubeadm, demo seed) through the stand-in proxies: `get`
 * (a pod list, then etcdctl over the exec WebSocket) prints what it prints directly, through a CONNECT proxy, an
 * https:// one and a SOCKS5 server with credentials, each recording the tunnels; -v names the proxy and never its
 * password; a 407 is an error in words with exit 4; the environment's proxy is used for a server only the proxy
 * can resolve, and not for NO_PROXY's hosts or a loopback address.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectProxy, startSocksProxy, writeKubeconfigVariant, type StandInProxy } from '../cluster/proxy.js';
import { clusterUnavailable } from '../kube/helpers.js';
import { useClusterCli, type CliRun } from './cli-runner.js';

const unavailable = clusterUnavailable();
const USER = 'etcd-reader';
const PASSWORD = 'n0t:for/logs@all';
const KEYS = ['get', '/registry/namespaces/', '--prefix', '--keys-only'];

describe.skipIf(unavailable)(`kubectl etcd through proxies (kubeadm, demo seed)${unavailable ? ` (${unavailable})` : ''}`, () => {
  const { cluster, cli, home } = useClusterCli({ profile: 'kubeadm', seed: 'demo' });
  const proxies: Record<string, StandInProxy> = {};
  let port: string;
  let direct: CliRun;

  beforeAll(async () => {
    const server = (await readFile(cluster().kubeconfigPath, 'utf8')).match(/server: https:\/\/127\.0\.0\.1:(\d+)/);
    port = server?.[1] ?? '';
    // The stand-in API server's own certificate (its CA is the kubeconfig's) serves the https:// proxy.
    const pki = join(cluster().dir, 'apiserver-pki');
    const tls = { certPem: await readFile(join(pki, 'apiserver.crt'), 'utf8'), keyPem: await readFile(join(pki, 'apiserver.key'), 'utf8') };
    const hosts = { kubernetes: '127.0.0.1' };
    const credentials = { user: USER, password: PASSWORD };
    [proxies['http'], proxies['https'], proxies['socks'], proxies['httpAuth']] = await Promise.all([
      startConnectProxy({ hosts }),
      startConnectProxy({ hosts, tls }),
      startSocksProxy({ hosts, credentials }),
      startConnectProxy({ hosts, credentials }),
    ]);
    direct = await cli(KEYS);
  });

  afterAll(async () => {
    await Promise.all(Object.values(proxies).map((proxy) => proxy.stop()));
  });

  let written = 0;
  function kubeconfigWith(change: { server?: string; proxyUrl?: string }): Promise<string> {
    return writeKubeconfigVariant(cluster().kubeconfigPath, join(home(), `kubeconfig-${++written}`), change);
  }

  it('prints the keys directly first (the baseline)', () => {
    expect(direct.code).toBe(0);
    expect(direct.out).toContain('/registry/namespaces/kube-system\n');
  });

  it.each([
    ['http', false],
    ['https', false],
    ['socks', true],
  ])('proxy-url %s: the same output, every connection through a recorded tunnel', async (kind, withCredentials) => {
    const proxy = proxies[kind] as StandInProxy;
    const before = proxy.tunnels.length;
    const kubeconfig = await kubeconfigWith({ proxyUrl: withCredentials ? proxy.urlWith(USER, PASSWORD) : proxy.url });
    const run = await cli(KEYS, { env: { KUBECONFIG: kubeconfig } });
    expect(run).toEqual(direct);
    const opened = proxy.tunnels.slice(before);
    // At least the pod lists and the exec WebSocket; all to the API server, all open.
    expect(opened.length).toBeGreaterThanOrEqual(2);
    expect(new Set(opened.map((t) => JSON.stringify(t)))).toEqual(new Set([JSON.stringify({ target: `127.0.0.1:${port}`, user: withCredentials ? USER : undefined, outcome: 'open' })]));
  });

  it('-v names the proxy, never its credentials', async () => {
    const proxy = proxies['socks'] as StandInProxy;
    const run = await cli([...KEYS, '-v'], { env: { KUBECONFIG: await kubeconfigWith({ proxyUrl: proxy.urlWith(USER, PASSWORD) }) } });
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n')).toContain(`proxy ${proxy.url} (proxy-url in the kubeconfig)`);
    expect(run.stderr).not.toContain(PASSWORD);
    expect(run.stderr).not.toContain(encodeURIComponent(PASSWORD));
    expect(run.stderr).not.toContain(USER);
  });

  it('a 407 from the proxy: the message, the hint, exit 4, nothing on stdout', async () => {
    const proxy = proxies['httpAuth'] as StandInProxy;
    const run = await cli(KEYS, { env: { KUBECONFIG: await kubeconfigWith({ proxyUrl: proxy.url }) } });
    expect(run).toMatchObject({ code: 4, out: '' });
    expect(run.stderr).toBe(
      `error: the proxy ${proxy.url} (proxy-url in the kubeconfig) answered 407 Proxy Authentication Required to CONNECT 127.0.0.1:${port} (the proxy's answer, not the API server's): it wants a user name and password\n` +
        `hint: put them in the proxy URL: http://USER:PASSWORD@${new URL(proxy.url).host}\n`,
    );
  });

  it('HTTPS_PROXY for a server only the proxy resolves; NO_PROXY sends it directly, where the name is unknown', async () => {
    const proxy = proxies['http'] as StandInProxy;
    const kubeconfig = await kubeconfigWith({ server: `https://kubernetes:${port}` });
    const through = await cli(KEYS, { env: { KUBECONFIG: kubeconfig, HTTPS_PROXY: proxy.url } });
    expect(through).toEqual(direct);
    expect(proxy.tunnels.at(-1)).toEqual({ target: `kubernetes:${port}`, user: undefined, outcome: 'open' });
    const before = proxy.tunnels.length;
    const bypassed = await cli([...KEYS, '-v'], { env: { KUBECONFIG: kubeconfig, HTTPS_PROXY: proxy.url, NO_PROXY: '.svc,kubernetes' } });
    expect(bypassed).toMatchObject({ code: 4, out: '' });
    expect(bypassed.stderr).toContain('no proxy (HTTPS_PROXY not used: NO_PROXY entry "kubernetes" covers kubernetes)\n');
    expect(bypassed.stderr).toContain(`error: cannot reach the API server at https://kubernetes:${port}: host not found\n`);
    expect(proxy.tunnels.length).toBe(before);
  });

  it('a loopback server is reached directly whatever HTTPS_PROXY says', async () => {
    const proxy = proxies['http'] as StandInProxy;
    const before = proxy.tunnels.length;
    const run = await cli([...KEYS, '-v'], { env: { HTTPS_PROXY: proxy.url } });
    expect(run.code).toBe(0);
    expect(run.out).toBe(direct.out);
    expect(run.stderr).toContain('no proxy (HTTPS_PROXY not used: 127.0.0.1 is a loopback address)\n');
    expect(proxy.tunnels.length).toBe(before);
  });
});
