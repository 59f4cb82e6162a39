/**
 * The choice of proxy, as a table of cases taken from the rules of Go's golang.org/x/net/http/httpproxy (which
 * kubectl's client-go uses) and client-go's proxy-url: which variable applies to which scheme, upper before lower
 * case, values without a scheme, localhost and loopback never proxied from the environment, every form of NO_PROXY
 * entry; the kubeconfig's proxy-url read from real files. The same rules are checked against the real kubectl in
 * proxy-connections.test.ts.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { parseCidr, parseIp } from '../../src/kube/ip-address.js';
import { resolveApiServerAccess } from '../../src/kube/kubeconfig.js';
import { chooseProxy, parseNoProxy, proxyLabel, splitHostPort } from '../../src/kube/proxy.js';
import { proxyCredentials, responseHead, socksConnectRequest } from '../../src/kube/proxy-protocol.js';

const PROXY = 'http://proxy.example:3128';

/** What chooseProxy decides, as `proxy <href> (<from>)` or `direct`. */
function decided(server: string, env: NodeJS.ProcessEnv, proxyUrl?: string): string {
  const choice = chooseProxy(server, proxyUrl, env);
  return 'proxy' in choice ? `proxy ${choice.proxy.url.href} (${choice.proxy.from})` : 'direct';
}

describe('which environment variable applies', () => {
  const cases: [string, string, NodeJS.ProcessEnv, string][] = [
    ['HTTPS_PROXY for an https server', 'https://api.example:6443', { HTTPS_PROXY: PROXY }, 'proxy http://proxy.example:3128/ (HTTPS_PROXY)'],
    ['https_proxy when HTTPS_PROXY is not set', 'https://api.example:6443', { https_proxy: PROXY }, 'proxy http://proxy.example:3128/ (https_proxy)'],
    ['HTTPS_PROXY before https_proxy', 'https://api.example:6443', { HTTPS_PROXY: PROXY, https_proxy: 'http://other:1' }, 'proxy http://proxy.example:3128/ (HTTPS_PROXY)'],
    ['an empty HTTPS_PROXY counts as not set', 'https://api.example:6443', { HTTPS_PROXY: '', https_proxy: PROXY }, 'proxy http://proxy.example:3128/ (https_proxy)'],
    ['HTTP_PROXY is not for https servers', 'https://api.example:6443', { HTTP_PROXY: PROXY }, 'direct'],
    ['HTTP_PROXY for an http server', 'http://api.example:8080', { HTTP_PROXY: PROXY, HTTPS_PROXY: 'http://other:1' }, 'proxy http://proxy.example:3128/ (HTTP_PROXY)'],
    ['http_proxy when HTTP_PROXY is not set', 'http://api.example:8080', { http_proxy: PROXY }, 'proxy http://proxy.example:3128/ (http_proxy)'],
    ['HTTPS_PROXY is not for http servers', 'http://api.example:8080', { HTTPS_PROXY: PROXY }, 'direct'],
    ['a value without a scheme is an http proxy', 'https://api.example', { HTTPS_PROXY: 'proxy.example:3128' }, 'proxy http://proxy.example:3128/ (HTTPS_PROXY)'],
    ['a bare host name too', 'https://api.example', { HTTPS_PROXY: 'cache' }, 'proxy http://cache/ (HTTPS_PROXY)'],
    ['an IP address and port too', 'https://api.example', { HTTPS_PROXY: '10.1.2.3:8080' }, 'proxy http://10.1.2.3:8080/ (HTTPS_PROXY)'],
    ['an https proxy', 'https://api.example', { HTTPS_PROXY: 'https://secure.proxy.example' }, 'proxy https://secure.proxy.example/ (HTTPS_PROXY)'],
    ['a SOCKS5 proxy', 'https://api.example', { HTTPS_PROXY: 'socks5://127.0.0.1:1080' }, 'proxy socks5://127.0.0.1:1080 (HTTPS_PROXY)'],
    ['an HTTPS_PROXY in a CGI environment is still used', 'https://api.example', { HTTPS_PROXY: PROXY, REQUEST_METHOD: 'GET' }, 'proxy http://proxy.example:3128/ (HTTPS_PROXY)'],
    ['nothing set', 'https://api.example', {}, 'direct'],
  ];
  it.each(cases)('%s', (_name, server, env, expected) => {
    expect(decided(server, env)).toBe(expected);
  });

  it('refuses HTTP_PROXY in a CGI environment (REQUEST_METHOD set), where a request header can set it', () => {
    expect(() => chooseProxy('http://api.example', undefined, { HTTP_PROXY: PROXY, REQUEST_METHOD: 'GET' })).toThrow(
      expect.objectContaining({ message: 'refusing to use HTTP_PROXY in a CGI environment (REQUEST_METHOD is set), as kubectl refuses', exitCode: ExitCode.unreachable }),
    );
  });
});

describe('hosts never proxied from the environment, and NO_PROXY', () => {
  const proxied = 'proxy http://proxy.example:3128/ (HTTPS_PROXY)';
  const cases: [string, string, string | undefined, 'proxied' | 'direct'][] = [
    ['localhost', 'https://localhost:6443', undefined, 'direct'],
    ['127.0.0.1', 'https://127.0.0.1:6443', undefined, 'direct'],
    ['any 127.x address', 'https://127.0.0.2:6443', undefined, 'direct'],
    ['::1', 'https://[::1]:6443', undefined, 'direct'],
    ['an IPv4-mapped loopback address', 'https://[::ffff:127.0.0.1]:6443', undefined, 'direct'],
    ['::2 is not loopback', 'https://[::2]:6443', undefined, 'proxied'],
    ['a name that merely starts with localhost', 'https://localhost.example:6443', undefined, 'proxied'],
    ['a domain covers itself', 'https://example.com', 'example.com', 'direct'],
    ['and the names below it', 'https://api.example.com', 'example.com', 'direct'],
    ['but not a name it is a suffix of', 'https://fooexample.com', 'example.com', 'proxied'],
    ['a leading dot covers only names below', 'https://example.com', '.example.com', 'proxied'],
    ['a leading dot, a name below', 'https://api.example.com', '.example.com', 'direct'],
    ['*.domain is .domain', 'https://nested.wildcard.io', '*.wildcard.io', 'direct'],
    ['*.domain, the domain itself', 'https://wildcard.io', '*.wildcard.io', 'proxied'],
    ['a cluster-local suffix', 'https://kubernetes.default.svc', '.svc', 'direct'],
    ['case and spaces do not matter', 'https://api.example.com', ' Example.COM ', 'direct'],
    ['one entry of a list', 'https://api.internal', 'foo.com, .internal,10.0.0.0/8', 'direct'],
    ['an IPv4 address', 'https://192.168.1.1:6443', '192.168.1.1', 'direct'],
    ['another IPv4 address', 'https://192.168.1.2:6443', '192.168.1.1', 'proxied'],
    ['an address with the right port', 'https://192.168.1.3:6443', '192.168.1.3:6443', 'direct'],
    ['an address with another port', 'https://192.168.1.3:6443', '192.168.1.3:80', 'proxied'],
    ['the default port counts', 'https://192.168.1.3', '192.168.1.3:443', 'direct'],
    ['a name with the right port', 'https://api.example:6443', 'api.example:6443', 'direct'],
    ['a name with another port', 'https://api.example:6443', 'api.example:443', 'proxied'],
    ['an IPv4 CIDR', 'https://10.96.0.1', '10.96.0.0/12', 'direct'],
    ['outside the CIDR', 'https://10.112.0.1', '10.96.0.0/12', 'proxied'],
    ['a CIDR covers no host names', 'https://kubernetes', '10.0.0.0/8', 'proxied'],
    ['an IPv6 address', 'https://[2001:db8::52:0:1]', '2001:db8::52:0:1', 'direct'],
    ['an IPv6 address with port', 'https://[2001:db8::52:0:3]:6443', '[2001:db8::52:0:3]:6443', 'direct'],
    ['an IPv6 CIDR', 'https://[2002:db8:a::123]', '2002:db8:a::45/64', 'direct'],
    ['outside the IPv6 CIDR', 'https://[2002:db8:b::123]', '2002:db8:a::45/64', 'proxied'],
    ['an IPv6 CIDR covers no IPv4 address', 'https://10.0.0.1', '::/0', 'proxied'],
    ['an IPv4 CIDR covers the IPv4-mapped form', 'https://[::ffff:10.0.0.1]', '10.0.0.0/8', 'direct'],
    ['* covers everything', 'https://api.example.com', '*', 'direct'],
    ['* among other entries', 'https://api.example.com', 'foo.com,*', 'direct'],
    ['a malformed entry is skipped', 'https://api.example.com', ':1', 'proxied'],
    ['an international domain in either form', 'https://www.示例.com', '示例.com', 'direct'],
    ['its ASCII form', 'https://www.示例.com', 'xn--fsq092h.com', 'direct'],
  ];
  it.each(cases)('%s', (_name, server, noProxy, expected) => {
    const env = { HTTPS_PROXY: PROXY, ...(noProxy === undefined ? {} : { NO_PROXY: noProxy }) };
    expect(decided(server, env)).toBe(expected === 'proxied' ? proxied : 'direct');
  });

  it('reads no_proxy when NO_PROXY is not set, and NO_PROXY first', () => {
    expect(decided('https://api.internal', { HTTPS_PROXY: PROXY, no_proxy: '.internal' })).toBe('direct');
    expect(decided('https://api.internal', { HTTPS_PROXY: PROXY, NO_PROXY: 'other', no_proxy: '.internal' })).toBe(proxied);
  });

  it('says why a connection goes directly', () => {
    expect(chooseProxy('https://127.0.0.1:6443', undefined, { HTTPS_PROXY: PROXY })).toEqual({ direct: 'HTTPS_PROXY not used: 127.0.0.1 is a loopback address' });
    expect(chooseProxy('https://localhost:6443', undefined, { https_proxy: PROXY })).toEqual({ direct: 'https_proxy not used: localhost is never proxied' });
    expect(chooseProxy('https://kubernetes.default.svc', undefined, { HTTPS_PROXY: PROXY, no_proxy: 'x,.svc' })).toEqual({ direct: 'HTTPS_PROXY not used: no_proxy entry ".svc" covers kubernetes.default.svc' });
  });
});

describe("the kubeconfig's proxy-url", () => {
  it('carries every request, loopback ones and those NO_PROXY names included', () => {
    const url = 'socks5://127.0.0.1:1080';
    expect(decided('https://127.0.0.1:6443', { NO_PROXY: '*', HTTPS_PROXY: PROXY }, url)).toBe('proxy socks5://127.0.0.1:1080 (proxy-url in the kubeconfig)');
    expect(decided('https://localhost', {}, 'http://p.example:8080')).toBe('proxy http://p.example:8080/ (proxy-url in the kubeconfig)');
  });

  it('is shown without its user name and password', () => {
    const choice = chooseProxy('https://api.example', 'http://admin:s3cret@proxy.example:3128', {});
    expect('proxy' in choice && proxyLabel(choice.proxy)).toBe('http://proxy.example:3128 (proxy-url in the kubeconfig)');
  });

  describe('read from a real kubeconfig file', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'kubectl-etcd-proxy-url-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    async function accessWith(proxyUrl: string) {
      const path = join(dir, 'config');
      await writeFile(
        path,
        stringify({
          clusters: [{ name: 'edge', cluster: { server: 'https://api.example:6443', 'proxy-url': proxyUrl } }],
          users: [{ name: 'u', user: { token: 't' } }],
          contexts: [{ name: 'c', context: { cluster: 'edge', user: 'u' } }],
          'current-context': 'c',
        }),
      );
      return resolveApiServerAccess({ kubeconfig: path }, {});
    }

    it.each(['http://proxy.example:3128', 'https://user:pass@proxy.example', 'socks5://127.0.0.1:1080'])('%s', async (proxyUrl) => {
      expect((await accessWith(proxyUrl)).proxyUrl).toBe(new URL(proxyUrl).href);
    });

    it('refuses other schemes, naming the field and not the value', async () => {
      const error = await accessWith('ftp://user:secret@proxy.example').catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ClusterError', message: 'cluster "edge": proxy-url has the scheme "ftp"; kubectl takes only http, https and socks5 proxies' });
      await expect(accessWith('not a url')).rejects.toThrow('cluster "edge": proxy-url is not a URL');
    });

    it('in a pod only the environment names a proxy', async () => {
      const serviceAccount = join(dir, 'sa');
      await mkdir(serviceAccount, { recursive: true });
      await writeFile(join(serviceAccount, 'token'), 'sa-token\n');
      const access = await resolveApiServerAccess({}, { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443', HOME: join(dir, 'nowhere') }, serviceAccount);
      expect(access.proxyUrl).toBeUndefined();
      expect(decided(access.server, { HTTPS_PROXY: PROXY })).toBe('proxy http://proxy.example:3128/ (HTTPS_PROXY)');
      expect(decided(access.server, { HTTPS_PROXY: PROXY, NO_PROXY: '10.96.0.0/12' })).toBe('direct');
    });
  });
});

describe('the parts the rules rest on', () => {
  it.each([
    ['1.2.3.4', { family: 4, bytes: [1, 2, 3, 4] }],
    ['::ffff:1.2.3.4', { family: 4, bytes: [1, 2, 3, 4] }],
    ['::1', { family: 6, bytes: [...new Array<number>(15).fill(0), 1] }],
    ['2001:db8::1', { family: 6, bytes: [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 1] }],
    ['1:2:3:4:5:6:7:8', { family: 6, bytes: [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8] }],
    ['64:ff9b::192.0.2.33', { family: 6, bytes: [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 192, 0, 2, 33] }],
  ])('%s is an IP address', (text, expected) => {
    expect(parseIp(text)).toEqual(expected);
  });

  it.each(['01.2.3.4', '1.2.3', '256.1.1.1', '1.2.3.4.5', 'fe80::1%eth0', '1::2::3', '1:2:3:4:5:6:7::8', '1:2:3:4:5:6:7', '1.2.3.4::', 'example.com', ''])('%s is not', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });

  it('CIDR prefixes', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ address: { family: 4, bytes: [10, 0, 0, 0] }, bits: 8 });
    expect(parseCidr('::ffff:10.0.0.0/104')).toEqual({ address: { family: 4, bytes: [10, 0, 0, 0] }, bits: 8 });
    for (const bad of ['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/08', '10.0.0.0', 'example.com/8']) expect(parseCidr(bad)).toBeUndefined();
  });

  it("Go's SplitHostPort", () => {
    expect(splitHostPort('example.com:80')).toEqual({ host: 'example.com', port: '80' });
    expect(splitHostPort('[::1]:443')).toEqual({ host: '::1', port: '443' });
    expect(splitHostPort('example.com:')).toEqual({ host: 'example.com', port: '' });
    for (const bad of ['example.com', '::1', '[::1]', '[::1]x:80', 'a:b:80', 'a]:80', '[a[b]:80']) expect(splitHostPort(bad)).toBeUndefined();
  });

  it('NO_PROXY entries keep what they were written as, for -v', () => {
    expect(parseNoProxy('*.Example.com:8443, 10.0.0.0/8').map((rule) => [rule.kind, rule.entry])).toEqual([
      ['domain', '*.example.com:8443'],
      ['prefix', '10.0.0.0/8'],
    ]);
  });

  it('credentials in the proxy URL are percent-decoded, as Go decodes them', () => {
    expect(proxyCredentials(new URL('http://us%40er:p%3Ass@proxy'))).toEqual({ user: 'us@er', password: 'p:ss' });
    expect(proxyCredentials(new URL('http://proxy'))).toBeUndefined();
  });

  it('a CONNECT answer is read once its head is whole', () => {
    expect(responseHead(Buffer.from('HTTP/1.1 200 Connection established\r\n'))).toBeUndefined();
    const head = 'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n';
    expect(responseHead(Buffer.from(`${head}more`))).toEqual({ status: 407, reason: 'Proxy Authentication Required', length: head.length });
    expect(() => responseHead(Buffer.from('SSH-2.0-OpenSSH\r\n\r\n'))).toThrow('does not start with an HTTP status line');
  });

  it('a SOCKS5 CONNECT names IPv4, IPv6 and host names by their address types', () => {
    expect([...socksConnectRequest('10.1.2.3', 6443)]).toEqual([5, 1, 0, 1, 10, 1, 2, 3, 0x19, 0x2b]);
    expect([...socksConnectRequest('::1', 443)]).toEqual([5, 1, 0, 4, ...new Array<number>(15).fill(0), 1, 1, 0xbb]);
    expect([...socksConnectRequest('api', 80)]).toEqual([5, 1, 0, 3, 3, 0x61, 0x70, 0x69, 0, 80]);
  });
});
