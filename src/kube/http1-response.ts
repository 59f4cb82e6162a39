/**
 * Reads one HTTP/1.1 response from the bytes of a connection, as they arrive. The launcher's early request
 * (early-requests.ts) is written straight onto a TLS socket so that Node's HTTP client, which costs several
 * milliseconds to load and to set up a request, stays out of the way of the first request; this reads its answer.
 *
 * Enough of RFC 9112 for an API server's answer to a GET: a status line, header fields, and a body delimited by
 * Content-Length, by chunked transfer coding, or by the end of the connection. Interim (1xx) responses are skipped.
 */

/** A complete response. `reusable`: the connection may carry another request (keep-alive, nothing left over). */
export interface Http1Response {
  readonly status: number;
  /** Field names in lower case; repeated fields joined with ", ". */
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
  readonly reusable: boolean;
}

/** The bytes are not an HTTP/1.x response (or one too large to be an API server's header). */
export class Http1ResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Http1ResponseError';
  }
}

/** Far above any API server's response header; a peer that sends more is not one. */
const MAX_HEAD_BYTES = 64 * 1024;

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
const STATUS_LINE = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: .*)?$/;
const CHUNK_SIZE = /^([0-9a-fA-F]{1,15})[ \t]*(?:;.*)?$/;

interface Head {
  readonly status: number;
  readonly headers: ReadonlyMap<string, string>;
  readonly keepAlive: boolean;
}

type Framing = { readonly kind: 'length'; readonly remaining: number } | { readonly kind: 'chunked' } | { readonly kind: 'close' };

function parseHead(text: string): Head {
  const [statusLine = '', ...fields] = text.split('\r\n');
  const match = STATUS_LINE.exec(statusLine);
  if (match === null) throw new Http1ResponseError(`not an HTTP/1.x status line: ${JSON.stringify(statusLine.slice(0, 80))}`);
  const headers = new Map<string, string>();
  for (const field of fields) {
    const colon = field.indexOf(':');
    if (colon <= 0) throw new Http1ResponseError(`malformed header field: ${JSON.stringify(field.slice(0, 80))}`);
    const name = field.slice(0, colon).toLowerCase();
    const value = field.slice(colon + 1).trim();
    const seen = headers.get(name);
    headers.set(name, seen === undefined ? value : `${seen}, ${value}`);
  }
  const connection = (headers.get('connection') ?? '').toLowerCase();
  const keepAlive = match[1] === '1' ? !/\bclose\b/.test(connection) : /\bkeep-alive\b/.test(connection);
  return { status: Number(match[2]), headers, keepAlive };
}

function framingOf(head: Head): Framing {
  if (head.status === 204 || head.status === 304) return { kind: 'length', remaining: 0 };
  const coding = head.headers.get('transfer-encoding');
  if (coding !== undefined) {
    if (!/(?:^|,)\s*chunked\s*$/i.test(coding)) throw new Http1ResponseError(`unsupported transfer coding: ${coding}`);
    return { kind: 'chunked' };
  }
  const length = head.headers.get('content-length');
  if (length === undefined) return { kind: 'close' };
  if (!/^\d{1,15}$/.test(length)) throw new Http1ResponseError(`malformed Content-Length: ${length}`);
  return { kind: 'length', remaining: Number(length) };
}

/**
 * Feed it the connection's bytes with push(); it returns the response once the last byte of it arrived. When the
 * connection ends first, end() returns a response delimited by the end of the connection, or throws.
 */
export class Http1ResponseReader {
  private pending: Buffer = Buffer.alloc(0);
  private head: Head | undefined;
  private framing: Framing | undefined;
  private readonly body: Buffer[] = [];
  /** In a chunked body: the bytes of the current chunk still to come, or undefined when a size line is next. */
  private chunkRemaining: number | undefined;
  private inTrailers = false;
  private done = false;

  push(chunk: Buffer): Http1Response | undefined {
    if (this.done) throw new Http1ResponseError('bytes after the end of the response');
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    for (;;) {
      if (this.head === undefined) {
        if (!this.readHead()) return undefined;
        continue;
      }
      const framing = this.framing!;
      if (framing.kind === 'close') {
        this.body.push(this.pending);
        this.pending = Buffer.alloc(0);
        return undefined;
      }
      if (framing.kind === 'length') {
        const taken = this.pending.subarray(0, framing.remaining);
        this.body.push(taken);
        this.pending = this.pending.subarray(taken.length);
        this.framing = { kind: 'length', remaining: framing.remaining - taken.length };
        return this.framing.remaining === 0 ? this.complete() : undefined;
      }
      const progress = this.readChunked();
      if (progress !== 'more') return progress === 'complete' ? this.complete() : undefined;
    }
  }

  /** The connection ended: the response, when its end was the end of the connection. */
  end(): Http1Response {
    if (this.head !== undefined && this.framing?.kind === 'close' && !this.done) return this.complete();
    throw new Http1ResponseError(this.head === undefined ? 'the connection closed before a response arrived' : 'the connection closed in the middle of the response');
  }

  /** Reads the status line and header fields; false until they are all here. Skips interim responses. */
  private readHead(): boolean {
    const end = this.pending.indexOf(HEAD_END);
    if (end < 0) {
      if (this.pending.length > MAX_HEAD_BYTES) throw new Http1ResponseError(`a response header over ${MAX_HEAD_BYTES} bytes`);
      return false;
    }
    const head = parseHead(this.pending.subarray(0, end).toString('latin1'));
    this.pending = this.pending.subarray(end + HEAD_END.length);
    if (head.status < 200) {
      if (head.status === 101) throw new Http1ResponseError('the server switched protocols');
      return true;
    }
    this.head = head;
    this.framing = framingOf(head);
    return true;
  }

  /** Advances through a chunked body: 'more' while the buffer holds more to read, 'wait' for bytes, 'complete'. */
  private readChunked(): 'more' | 'wait' | 'complete' {
    if (this.chunkRemaining !== undefined) {
      if (this.chunkRemaining > 0) {
        const taken = this.pending.subarray(0, this.chunkRemaining);
        this.body.push(taken);
        this.pending = this.pending.subarray(taken.length);
        this.chunkRemaining -= taken.length;
        if (this.chunkRemaining > 0) return 'wait';
      }
      if (this.pending.length < CRLF.length) return 'wait';
      if (!this.pending.subarray(0, CRLF.length).equals(CRLF)) throw new Http1ResponseError('a chunk does not end where its size says');
      this.pending = this.pending.subarray(CRLF.length);
      this.chunkRemaining = undefined;
      return 'more';
    }
    const lineEnd = this.pending.indexOf(CRLF);
    if (lineEnd < 0) {
      if (this.pending.length > MAX_HEAD_BYTES) throw new Http1ResponseError('a chunk size line that does not end');
      return 'wait';
    }
    const line = this.pending.subarray(0, lineEnd).toString('latin1');
    this.pending = this.pending.subarray(lineEnd + CRLF.length);
    if (this.inTrailers) return line === '' ? 'complete' : 'more';
    const match = CHUNK_SIZE.exec(line);
    if (match === null) throw new Http1ResponseError(`malformed chunk size: ${JSON.stringify(line.slice(0, 40))}`);
    const size = parseInt(match[1]!, 16);
    if (size === 0) this.inTrailers = true;
    else this.chunkRemaining = size;
    return 'more';
  }

  private complete(): Http1Response {
    this.done = true;
    const head = this.head!;
    return {
      status: head.status,
      headers: head.headers,
      body: Buffer.concat(this.body),
      reusable: head.keepAlive && this.framing?.kind !== 'close' && this.pending.length === 0,
    };
  }
}
