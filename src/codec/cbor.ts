/**
 * CBOR (RFC 8949) to the object model, for objects Kubernetes stores as CBOR (self-described: tag 55799, bytes
 * d9 d9 f7, first). Mapping as kube-apiserver reads CBOR into unstructured objects (apimachinery
 * pkg/runtime/serializer/cbor/internal/modes): Kubernetes writes strings and field names as byte strings, so an
 * untagged byte string is a string; a byte string tagged 22 (expected base64, how []byte fields are written) is its
 * base64 text, as encoding/json shows []byte; tags 21 and 23 give base64url and hex. Where kube-apiserver refuses
 * data that is still well-formed, this decoder shows it instead: integers beyond 2^53 and bignums (tags 2, 3) as
 * bigint, NaN and infinities as numbers, undefined as null, unknown tags as their content. Other simple values,
 * non-string map keys, duplicate keys and invalid UTF-8 in text strings are errors.
 */
import { isUtf8 } from 'node:buffer';
import type { JsonObject, JsonValue } from './value.js';

/** A malformed, truncated or unsupported CBOR input; `offset` is the byte where the problem is. */
export class CborError extends Error {
  override name = 'CborError';

  constructor(
    readonly offset: number,
    problem: string,
  ) {
    super(`CBOR: ${problem} at byte ${offset}`);
  }
}

/** True when a stored value starts with the self-described CBOR tag (d9 d9 f7) that Kubernetes writes. */
export function hasCborPrefix(value: Uint8Array): boolean {
  return value.length >= 3 && value[0] === 0xd9 && value[1] === 0xd9 && value[2] === 0xf7;
}

/** Decodes a whole input holding exactly one CBOR data item; throws CborError with the byte offset otherwise. */
export function decodeCbor(bytes: Uint8Array): JsonValue {
  const reader = new Reader(bytes);
  const value = reader.item('text', 0);
  if (reader.offset !== bytes.length) throw new CborError(reader.offset, 'unexpected data after the data item');
  return value;
}

/** How byte strings become text: raw bytes as UTF-8 (untagged), or the encoding a tag 21/22/23 asks for. */
type ByteText = 'text' | 'base64url' | 'base64' | 'base16';

const MAX_DEPTH = 512;
const BREAK = 0xff;
const INDEFINITE = -1;
const EXPECTED_ENCODINGS: Record<number, ByteText> = { 21: 'base64url', 22: 'base64', 23: 'base16' };
const MAJOR_NAMES = ['unsigned integer', 'negative integer', 'byte string', 'text string', 'array', 'map', 'tag'];

interface Head {
  readonly major: number;
  readonly info: number;
  /** The argument: a number up to 2^53 - 1, a bigint beyond, INDEFINITE for additional information 31. */
  readonly argument: number | bigint;
  readonly start: number;
}

class Reader {
  offset = 0;
  private readonly bytes: Buffer;
  private readonly view: DataView;

  constructor(input: Uint8Array) {
    this.bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    this.view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  }

  item(byteText: ByteText, depth: number): JsonValue {
    if (depth > MAX_DEPTH) throw new CborError(this.offset, `data nested deeper than ${MAX_DEPTH} levels`);
    const head = this.head();
    switch (head.major) {
      case 0:
        return head.argument; // already a number when exact, a bigint beyond 2^53 - 1
      case 1:
        return typeof head.argument === 'number' && head.argument < Number.MAX_SAFE_INTEGER
          ? -1 - head.argument
          : integer(-1n - BigInt(head.argument));
      case 2:
        return bytesToText(this.stringBytes(head), byteText);
      case 3:
        return this.text(head);
      case 4:
        return this.array(head, byteText, depth);
      case 5:
        return this.map(head, byteText, depth);
      case 6:
        return this.tagged(head, byteText, depth);
      default:
        return this.simple(head);
    }
  }

  private head(): Head {
    const start = this.offset;
    const initial = this.take(1, 'data item')[0]!;
    const major = initial >> 5;
    const info = initial & 0x1f;
    if (info < 24) return { major, info, argument: info, start };
    if (info === 31) {
      if (major === 0 || major === 1 || major === 6) {
        throw new CborError(start, `${MAJOR_NAMES[major]} cannot have an indefinite length`);
      }
      return { major, info, argument: INDEFINITE, start };
    }
    if (info > 27) throw new CborError(start, `reserved additional information ${info}`);
    const size = 1 << (info - 24);
    const at = this.offset;
    this.take(size, 'argument');
    if (size === 1) return { major, info, argument: this.view.getUint8(at), start };
    if (size === 2) return { major, info, argument: this.view.getUint16(at), start };
    if (size === 4) return { major, info, argument: this.view.getUint32(at), start };
    const big = this.view.getBigUint64(at);
    return { major, info, argument: big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big, start };
  }

  /** The content of a byte or text string, joining the chunks of an indefinite-length one. */
  private stringBytes(head: Head): Buffer {
    if (head.argument !== INDEFINITE) return this.take(this.length(head, 1), MAJOR_NAMES[head.major]!);
    const chunks: Buffer[] = [];
    while (!this.atBreak()) {
      const chunk = this.head();
      if (chunk.major !== head.major || chunk.argument === INDEFINITE) {
        throw new CborError(chunk.start, `a chunk of an indefinite-length ${MAJOR_NAMES[head.major]} must be a ` +
          `definite-length ${MAJOR_NAMES[head.major]}`);
      }
      const bytes = this.stringBytes(chunk);
      // Each chunk of a text string must be valid UTF-8 on its own (RFC 8949 section 3.2.3).
      if (head.major === 3 && !isUtf8(bytes)) throw new CborError(chunk.start, 'text string is not valid UTF-8');
      chunks.push(bytes);
    }
    return Buffer.concat(chunks);
  }

  private text(head: Head): string {
    const bytes = this.stringBytes(head);
    if (!isUtf8(bytes)) throw new CborError(head.start, 'text string is not valid UTF-8');
    return bytes.toString('utf8');
  }

  private array(head: Head, byteText: ByteText, depth: number): JsonValue[] {
    const items: JsonValue[] = [];
    if (head.argument === INDEFINITE) {
      while (!this.atBreak()) items.push(this.item(byteText, depth + 1));
    } else {
      const count = this.length(head, 1);
      for (let i = 0; i < count; i++) items.push(this.item(byteText, depth + 1));
    }
    return items;
  }

  private map(head: Head, byteText: ByteText, depth: number): JsonObject {
    const object: JsonObject = {};
    const entry = () => {
      const keyStart = this.offset;
      const key = this.item('text', depth + 1);
      if (typeof key !== 'string') throw new CborError(keyStart, 'map key is not a string');
      if (Object.hasOwn(object, key)) throw new CborError(keyStart, `duplicate map key ${JSON.stringify(key)}`);
      const value = this.item(byteText, depth + 1);
      if (key !== '__proto__') object[key] = value;
      // A plain assignment of "__proto__" would replace the prototype instead of adding a key.
      else Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
    };
    if (head.argument === INDEFINITE) {
      while (!this.atBreak()) entry();
    } else {
      const count = this.length(head, 2);
      for (let i = 0; i < count; i++) entry();
    }
    return object;
  }

  private tagged(head: Head, byteText: ByteText, depth: number): JsonValue {
    const tag = head.argument;
    if ((tag === 2 || tag === 3) && this.nextMajor() === 2) {
      const magnitude = BigInt(`0x0${this.stringBytes(this.head()).toString('hex')}`);
      return integer(tag === 2 ? magnitude : -1n - magnitude);
    }
    // 55799 (self-described CBOR) and tags this model has no form for: the content stands for itself.
    const expected = typeof tag === 'number' ? EXPECTED_ENCODINGS[tag] : undefined;
    return this.item(expected ?? byteText, depth + 1);
  }

  private simple(head: Head): JsonValue {
    switch (head.info) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
      case 23: // undefined: JSON has no such value
        return null;
      case 24: {
        const value = head.argument as number;
        const problem = value < 32 ? `simple value ${value} in two bytes` : `unsupported simple value ${value}`;
        throw new CborError(head.start, problem);
      }
      case 25:
        return halfToNumber(this.view.getUint16(head.start + 1));
      case 26:
        return this.view.getFloat32(head.start + 1);
      case 27:
        return this.view.getFloat64(head.start + 1);
      case 31:
        throw new CborError(head.start, 'break outside an indefinite-length item');
      default:
        throw new CborError(head.start, `unsupported simple value ${head.info}`);
    }
  }

  /** A definite length, checked against the bytes left (each element takes at least `minBytesEach`). */
  private length(head: Head, minBytesEach: number): number {
    const length = head.argument;
    if (typeof length === 'bigint' || length * minBytesEach > this.bytes.length - this.offset) {
      throw new CborError(head.start, `${MAJOR_NAMES[head.major]} of length ${length} runs past the end of the input`);
    }
    return length;
  }

  /** Consumes a break (0xff) if one is next; the end of input inside an indefinite-length item is an error. */
  private atBreak(): boolean {
    if (this.offset >= this.bytes.length) {
      throw new CborError(this.offset, 'input ends inside an indefinite-length item');
    }
    if (this.bytes[this.offset] !== BREAK) return false;
    this.offset++;
    return true;
  }

  private nextMajor(): number | undefined {
    const initial = this.bytes[this.offset];
    return initial === undefined ? undefined : initial >> 5;
  }

  private take(count: number, what: string): Buffer {
    if (this.offset + count > this.bytes.length) {
      throw new CborError(this.offset, `input ends inside the ${what}`);
    }
    const slice = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return slice;
  }
}

/** A number when it is exact as one, else a bigint: etcd and Kubernetes int64 values beyond 2^53 stay exact. */
function integer(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

function bytesToText(bytes: Buffer, byteText: ByteText): string {
  switch (byteText) {
    case 'text':
      // Go keeps such bytes in a string; encoding/json shows invalid UTF-8 as U+FFFD, as this decoder does.
      return bytes.toString('utf8');
    case 'base64':
      return bytes.toString('base64');
    case 'base64url':
      return bytes.toString('base64url');
    case 'base16':
      return bytes.toString('hex');
  }
}


/** IEEE 754 binary16: 1 sign bit, 5 exponent bits (bias 15), 10 fraction bits. */
function halfToNumber(half: number): number {
  const exponent = (half >> 10) & 0x1f;
  const fraction = half & 0x3ff;
  const magnitude =
    exponent === 0 ? fraction * 2 ** -24
    : exponent === 31 ? (fraction === 0 ? Infinity : NaN)
    : (fraction + 1024) * 2 ** (exponent - 25);
  return half & 0x8000 ? -magnitude : magnitude;
}
