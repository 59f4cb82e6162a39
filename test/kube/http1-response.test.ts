/**
 * The HTTP/1.1 response reader of the early request, fed what Node's own HTTP server sends: every framing an API
 * server uses, split at every byte, and what a peer that is not one sends.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Http1ResponseError, Http1ResponseReader, type Http1Response } from '../../src/kube/http1-response.js';

/**
 * Everything a real HTTP server sends on one connection that carries `count` GETs, the last one asking it to close:
 * the responses back to back, as the wire has them.
 */
async function wireBytes(handler: (request: IncomingMessage, response: ServerResponse) => void, count = 2): Promise<Buffer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    const requests = Array.from({ length: count }, (_, index) => `GET /api/v1/pods HTTP/1.1\r\nHost: x\r\n${index === count - 1 ? 'Connection: close\r\n' : ''}\r\n`);
    socket.write(requests.join(''));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    await new Promise((resolve, reject) => socket.on('close', resolve).on('error', reject));
    return Buffer.concat(chunks);
  } finally {
    server.close();
  }
}

/** Reads responses from `bytes` fed one byte at a time, each one with a fresh reader where the last one ended. */
function readByteByByte(bytes: Buffer): { responses: Http1Response[]; rest: Http1ResponseReader } {
  const responses: Http1Response[] = [];
  let reader = new Http1ResponseReader();
  for (let index = 0; index < bytes.length; index++) {
    const response = reader.push(bytes.subarray(index, index + 1));
    if (response !== undefined) {
      responses.push(response);
      reader = new Http1ResponseReader();
    }
  }
  return { responses, rest: reader };
}

const podList = JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '12' }, items: [] });

describe('Http1ResponseReader', () => {
  it('reads Content-Length answers, byte by byte, and says a keep-alive connection can carry the next request', async () => {
    const bytes = await wireBytes((_, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(podList) });
      response.end(podList);
    });
    const { responses } = readByteByByte(bytes);
    expect(responses.map((response) => [response.status, response.body.toString(), response.reusable])).toEqual([
      [200, podList, true],
      [200, podList, false], // the server closes after the second
    ]);
    expect(responses[0]!.headers.get('content-type')).toBe('application/json');
  });

  it('reads chunked answers, as an API server streams a list, whole or in pieces', async () => {
    const bytes = await wireBytes((_, response) => {
      response.writeHead(403, { 'Content-Type': 'application/json' });
      response.write('{"kind":"Status",');
      response.write('"reason":"Forbidden"');
      response.end('}');
    });
    const whole = new Http1ResponseReader().push(bytes);
    expect(whole).toMatchObject({ status: 403, reusable: false }); // the second answer follows in the same bytes
    expect(whole!.body.toString()).toBe('{"kind":"Status","reason":"Forbidden"}');
    const { responses } = readByteByByte(bytes);
    expect(responses.map((response) => [response.status, response.body.toString(), response.reusable])).toEqual([
      [403, '{"kind":"Status","reason":"Forbidden"}', true],
      [403, '{"kind":"Status","reason":"Forbidden"}', false],
    ]);
  });

  it('reads an empty 204 and an answer that ends with the connection', async () => {
    const noContent = readByteByByte(await wireBytes((_, response) => response.writeHead(204).end(), 1));
    expect(noContent.responses.map((response) => [response.status, response.body.length])).toEqual([[204, 0]]);

    const closeDelimited = await wireBytes((_, response) => {
      // No length and no chunking: an HTTP/1.0-style body, ended by closing the connection.
      response.useChunkedEncodingByDefault = false;
      response.shouldKeepAlive = false;
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(podList);
    }, 1);
    const { responses, rest } = readByteByByte(closeDelimited);
    expect(responses).toEqual([]);
    expect(rest.end()).toMatchObject({ status: 200, reusable: false });
  });

  it('skips an interim 100 Continue', async () => {
    const bytes = await wireBytes((_, response) => {
      response.writeContinue();
      response.writeHead(200, { 'Content-Length': 2 }).end('ok');
    }, 1);
    expect(bytes.toString('latin1')).toMatch(/^HTTP\/1\.1 100 Continue\r\n/);
    const { responses } = readByteByByte(bytes);
    expect(responses.map((response) => [response.status, response.body.toString()])).toEqual([[200, 'ok']]);
  });

  it('refuses what is not an HTTP response, and an answer cut short', async () => {
    expect(() => new Http1ResponseReader().push(Buffer.from('SSH-2.0-OpenSSH_9.6\r\n\r\n'))).toThrow(Http1ResponseError);
    expect(() => new Http1ResponseReader().push(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'))).toThrow(/malformed chunk size/);
    expect(() => new Http1ResponseReader().push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n'))).toThrow(/Content-Length/);
    expect(() => new Http1ResponseReader().push(Buffer.alloc(70 * 1024, 'a'))).toThrow(/over 65536 bytes/);

    const bytes = await wireBytes((_, response) => response.writeHead(200, { 'Content-Length': Buffer.byteLength(podList) }).end(podList), 1);
    const cut = new Http1ResponseReader();
    expect(cut.push(bytes.subarray(0, bytes.length - 5))).toBeUndefined();
    expect(() => cut.end()).toThrow(/closed in the middle of the response/);
    expect(() => new Http1ResponseReader().end()).toThrow(/closed before a response arrived/);
  });
});
