import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CborError, decodeCbor, hasCborPrefix } from '../../src/codec/cbor.js';
import type { JsonValue } from '../../src/codec/value.js';

const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

// An UnstructuredList as Kubernetes' CBOR serializer writes it: strings and keys as byte strings (apimachinery
// pkg/runtime/serializer/cbor/cbor_test.go, TestEncode "unstructuredlist").
const kubernetesList = latin1(
  '\xd9\xd9\xf7\xa3\x44kind\x45kList\x45items\x82\xa1\x43foo\x01\xa1\x43foo\x02\x4aapiVersion\x41v',
);

/** The error decodeCbor throws for `bytes`, or a failure when it decodes them. */
function cborError(bytes: Uint8Array): CborError {
  try {
    decodeCbor(bytes);
  } catch (error) {
    if (error instanceof CborError) return error;
    throw error;
  }
  throw new Error(`expected ${Buffer.from(bytes).toString('hex')} to be rejected`);
}

describe('decodeCbor: RFC 8949 Appendix A, Table 6 (examples of encoded CBOR data items)', () => {
  const oneToTwentyFive = Array.from({ length: 25 }, (_, i) => i + 1);
  const examples: [encoded: string, expected: JsonValue][] = [
    ['00', 0],
    ['01', 1],
    ['0a', 10],
    ['17', 23],
    ['1818', 24],
    ['1819', 25],
    ['1864', 100],
    ['1903e8', 1000],
    ['1a000f4240', 1000000],
    ['1b000000e8d4a51000', 1000000000000],
    ['1bffffffffffffffff', 18446744073709551615n],
    ['c249010000000000000000', 18446744073709551616n],
    ['3bffffffffffffffff', -18446744073709551616n],
    ['c349010000000000000000', -18446744073709551617n],
    ['20', -1],
    ['29', -10],
    ['3863', -100],
    ['3903e7', -1000],
    ['f93c00', 1.0],
    ['fb3ff199999999999a', 1.1],
    ['f93e00', 1.5],
    ['f97bff', 65504.0],
    ['fa47c35000', 100000.0],
    ['fa7f7fffff', 3.4028234663852886e38],
    ['fb7e37e43c8800759c', 1.0e300],
    ['f90001', 5.960464477539063e-8],
    ['f90400', 0.00006103515625],
    ['f9c400', -4.0],
    ['fbc010666666666666', -4.1],
    ['f97c00', Infinity],
    ['f9fc00', -Infinity],
    ['fa7f800000', Infinity],
    ['faff800000', -Infinity],
    ['fb7ff0000000000000', Infinity],
    ['fbfff0000000000000', -Infinity],
    ['f4', false],
    ['f5', true],
    ['f6', null],
    ['f7', null], // undefined: JSON has no such value
    ['c074323031332d30332d32315432303a30343a30305a', '2013-03-21T20:04:00Z'],
    ['c11a514b67b0', 1363896240],
    ['c1fb41d452d9ec200000', 1363896240.5],
    ['d74401020304', '01020304'], // tag 23: expected conversion to base16
    ['d818456449455446', 'dIETF'], // tag 24 (embedded CBOR) is not interpreted: its bytes are a string
    ['d82076687474703a2f2f7777772e6578616d706c652e636f6d', 'http://www.example.com'],
    ['40', ''],
    ['4401020304', '\x01\x02\x03\x04'], // untagged byte strings are strings, as Kubernetes writes them
    ['60', ''],
    ['6161', 'a'],
    ['6449455446', 'IETF'],
    ['62225c', '"\\'],
    ['62c3bc', '\u00fc'],
    ['63e6b0b4', '\u6c34'],
    ['64f0908591', '\ud800\udd51'],
    ['80', []],
    ['83010203', [1, 2, 3]],
    ['8301820203820405', [1, [2, 3], [4, 5]]],
    ['98190102030405060708090a0b0c0d0e0f101112131415161718181819', oneToTwentyFive],
    ['a0', {}],
    ['a26161016162820203', { a: 1, b: [2, 3] }],
    ['826161a161626163', ['a', { b: 'c' }]],
    ['a56161614161626142616361436164614461656145', { a: 'A', b: 'B', c: 'C', d: 'D', e: 'E' }],
    ['5f42010243030405ff', '\x01\x02\x03\x04\x05'],
    ['7f657374726561646d696e67ff', 'streaming'],
    ['9fff', []],
    ['9f018202039f0405ffff', [1, [2, 3], [4, 5]]],
    ['9f01820203820405ff', [1, [2, 3], [4, 5]]],
    ['83018202039f0405ff', [1, [2, 3], [4, 5]]],
    ['83019f0203ff820405', [1, [2, 3], [4, 5]]],
    ['9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff', oneToTwentyFive],
    ['bf61610161629f0203ffff', { a: 1, b: [2, 3] }],
    ['826161bf61626163ff', ['a', { b: 'c' }]],
    ['bf6346756ef563416d7421ff', { Fun: true, Amt: -2 }],
  ];

  it.each(examples)('%s', (encoded, expected) => {
    expect(decodeCbor(hex(encoded))).toEqual(expected);
  });

  it('keeps the sign of zero and decodes NaN in every width', () => {
    expect(Object.is(decodeCbor(hex('f90000')), 0)).toBe(true);
    expect(Object.is(decodeCbor(hex('f98000')), -0)).toBe(true);
    for (const nan of ['f97e00', 'fa7fc00000', 'fb7ff8000000000000']) expect(decodeCbor(hex(nan))).toBeNaN();
  });

  it('keeps integers up to 2^53 - 1 as numbers and larger ones as exact bigints', () => {
    expect(decodeCbor(hex('1b001fffffffffffff'))).toBe(Number.MAX_SAFE_INTEGER);
    expect(decodeCbor(hex('1b0020000000000000'))).toBe(2n ** 53n);
    expect(decodeCbor(hex('3b001ffffffffffffe'))).toBe(Number.MIN_SAFE_INTEGER);
    expect(decodeCbor(hex('3b001fffffffffffff'))).toBe(-(2n ** 53n));
    expect(decodeCbor(hex('c2420100'))).toBe(256); // a small bignum is an ordinary number
  });

  it('rejects the examples this object model has no form for, saying where', () => {
    expect(cborError(hex('a201020304')).message).toBe('CBOR: map key is not a string at byte 1'); // {1: 2, 3: 4}
    expect(cborError(hex('f0')).message).toBe('CBOR: unsupported simple value 16 at byte 0');
    expect(cborError(hex('f8ff')).message).toBe('CBOR: unsupported simple value 255 at byte 0');
  });
});

describe('decodeCbor: how Kubernetes writes CBOR (apimachinery pkg/runtime/serializer/cbor)', () => {
  it('reads an UnstructuredList as the CBOR serializer encodes it', () => {
    expect(hasCborPrefix(kubernetesList)).toBe(true);
    expect(decodeCbor(kubernetesList)).toEqual({ kind: 'kList', items: [{ foo: 1 }, { foo: 2 }], apiVersion: 'v' });
  });

  it('reads an object under the self-described tag (cbor_test.go TestDecode)', () => {
    const stored = latin1('\xd9\xd9\xf7\xa3\x4aapiVersion\x41v\x44kind\x41k\x48metadata\xa1\x44name\x43foo');
    expect(decodeCbor(stored)).toEqual({ apiVersion: 'v', kind: 'k', metadata: { name: 'foo' } });
  });

  it('shows a []byte field (tag 22, expected base64) as base64 text, as encoding/json does', () => {
    expect(decodeCbor(hex('d64401020304'))).toBe('AQIDBA==');
    expect(decodeCbor(hex('a14464617461d6430102ff'))).toEqual({ data: 'AQL/' });
    expect(decodeCbor(hex('d5430102ff'))).toBe('AQL_'); // tag 21: base64url
  });

  it('applies an expected-encoding tag to the byte strings inside its content', () => {
    expect(decodeCbor(hex('d68241014102'))).toEqual(['AQ==', 'Ag==']);
  });

  it('reads nested indefinite-length items (modes/decode_test.go)', () => {
    expect(decodeCbor(hex('9f9f8080ff9f8080ffff'))).toEqual([[[], []], [[], []]]);
    expect(decodeCbor(hex('bf6141bf616101616202ff6142bf616901616a02ffff'))).toEqual({
      A: { a: 1, b: 2 },
      B: { i: 1, j: 2 },
    });
    expect(decodeCbor(hex('7f616161626163ff'))).toBe('abc');
  });

  it.each([
    ['a2614101614102', 4], // {"A": 1, "A": 2}
    ['a2414101414102', 4], // {'A': 1, 'A': 2}
    ['a2414101614102', 4], // {'A': 1, "A": 2}
    ['a25f426865436c6c6fff015f416844656c6c6fff02', 11], // {(_ 'he', 'llo'): 1, (_ 'h', 'ello'): 2}
  ])('rejects the duplicate key in %s (modes/decode_test.go)', (encoded, offset) => {
    const error = cborError(hex(encoded));
    expect(error.offset).toBe(offset);
    expect(error.message).toMatch(/^CBOR: duplicate map key "(A|hello)" at byte \d+$/);
  });

  it('keeps a "__proto__" key as data instead of a prototype', () => {
    const value = decodeCbor(hex('a1495f5f70726f746f5f5fa1617801')) as Record<string, JsonValue>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(value['__proto__']).toEqual({ x: 1 });
  });

  it('recognises the self-described prefix only with all three bytes (cbor_test.go TestRecognizesData)', () => {
    for (const bytes of ['', 'd9', 'd9d9', 'ffffff', 'ffffff010203']) expect(hasCborPrefix(hex(bytes))).toBe(false);
    for (const bytes of ['d9d9f7', 'd9d9f7010203']) expect(hasCborPrefix(hex(bytes))).toBe(true);
  });
});

describe('decodeCbor: malformed input is an error at a byte offset', () => {
  it.each([
    ['', 'input ends inside the data item at byte 0'],
    ['d9d9f7', 'input ends inside the data item at byte 3'],
    ['18', 'input ends inside the argument at byte 1'],
    ['1b0000', 'input ends inside the argument at byte 1'],
    ['1c', 'reserved additional information 28 at byte 0'],
    ['fe', 'reserved additional information 30 at byte 0'],
    ['1f', 'unsigned integer cannot have an indefinite length at byte 0'],
    ['df', 'tag cannot have an indefinite length at byte 0'],
    ['ff', 'break outside an indefinite-length item at byte 0'],
    ['f818', 'simple value 24 in two bytes at byte 0'],
    ['f81f', 'simple value 31 in two bytes at byte 0'],
    ['f93c', 'input ends inside the argument at byte 1'],
    ['6568656c6c', 'text string of length 5 runs past the end of the input at byte 0'],
    ['5a00001000', 'byte string of length 4096 runs past the end of the input at byte 0'],
    ['9bffffffffffffffff', 'array of length 18446744073709551615 runs past the end of the input at byte 0'],
    ['a2616101', 'map of length 2 runs past the end of the input at byte 0'],
    ['9f01', 'input ends inside an indefinite-length item at byte 2'],
    ['5f4101', 'input ends inside an indefinite-length item at byte 3'],
    ['5f6161ff', 'a chunk of an indefinite-length byte string must be a definite-length byte string at byte 1'],
    ['7f7f6161ffff', 'a chunk of an indefinite-length text string must be a definite-length text string at byte 1'],
    ['62c328', 'text string is not valid UTF-8 at byte 0'],
    ['7f61c361a9ff', 'text string is not valid UTF-8 at byte 1'], // "é" split across two chunks
    ['a1a00000', 'map key is not a string at byte 1'],
    ['0000', 'unexpected data after the data item at byte 1'],
  ])('%s: %s', (encoded, message) => {
    expect(cborError(hex(encoded)).message).toBe(`CBOR: ${message}`);
  });

  it('stops nesting beyond 512 levels instead of exhausting the stack', () => {
    const deep = new Uint8Array(100_001).fill(0x81);
    deep[100_000] = 0x00;
    expect(cborError(deep).message).toBe('CBOR: data nested deeper than 512 levels at byte 513');
  });

  it('rejects every truncation of every example with an offset inside the input', () => {
    const encodings = [
      hex('a26161016162820203'),
      hex('bf61610161629f0203ffff'),
      hex('c249010000000000000000'),
      hex('fb7e37e43c8800759c'),
      hex('7f657374726561646d696e67ff'),
      kubernetesList,
    ];
    for (const bytes of encodings) {
      for (let end = 0; end < bytes.length; end++) {
        const error = cborError(bytes.subarray(0, end));
        expect(error.offset).toBeLessThanOrEqual(end);
      }
    }
  });

  it('either decodes or throws a CborError for any bytes, never another error and never a hang', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          decodeCbor(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(CborError);
          expect((error as CborError).offset).toBeGreaterThanOrEqual(0);
          expect((error as CborError).offset).toBeLessThanOrEqual(bytes.length);
        }
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('decodeCbor: round trips', () => {
  // A minimal encoder for the test, in the shape Kubernetes writes: strings as byte strings (or text strings),
  // shortest-form integers, doubles, definite-length arrays and maps.
  function encode(value: JsonValue, stringMajor: 2 | 3): Buffer {
    const head = (major: number, argument: bigint): Buffer => {
      if (argument < 24n) return Buffer.from([(major << 5) | Number(argument)]);
      const size = argument < 0x100n ? 1 : argument < 0x10000n ? 2 : argument < 0x100000000n ? 4 : 8;
      const out = Buffer.alloc(1 + size);
      out[0] = (major << 5) | (24 + Math.log2(size));
      for (let i = 0; i < size; i++) out[size - i] = Number((argument >> BigInt(8 * i)) & 0xffn);
      return out;
    };
    if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) {
      const n = BigInt(value);
      return n >= 0n ? head(0, n) : head(1, -1n - n);
    }
    if (typeof value === 'number') {
      const double = Buffer.alloc(9, 0xfb);
      double.writeDoubleBE(value, 1);
      return double;
    }
    if (typeof value === 'string') {
      return Buffer.concat([head(stringMajor, BigInt(Buffer.byteLength(value))), Buffer.from(value)]);
    }
    if (value === null) return Buffer.from([0xf6]);
    if (typeof value === 'boolean') return Buffer.from([value ? 0xf5 : 0xf4]);
    if (Array.isArray(value)) {
      return Buffer.concat([head(4, BigInt(value.length)), ...value.map((item) => encode(item, stringMajor))]);
    }
    const entries = Object.entries(value);
    return Buffer.concat([
      head(5, BigInt(entries.length)),
      ...entries.flatMap(([k, v]) => [encode(k, stringMajor), encode(v, stringMajor)]),
    ]);
  }

  const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((n) =>
    n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n,
  );
  const json: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      int64,
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
      fc.string({ unit: 'grapheme' }),
      fc.array(tie('value'), { maxLength: 5 }),
      fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 8 }), tie('value'), { maxKeys: 5 }),
    ),
  })).value;

  it('decodes what a Kubernetes-shaped encoder writes, under the self-described tag, with byte or text strings', () => {
    fc.assert(
      fc.property(json, fc.constantFrom(2 as const, 3 as const), (value, stringMajor) => {
        const stored = Buffer.concat([Buffer.from([0xd9, 0xd9, 0xf7]), encode(value, stringMajor)]);
        expect(decodeCbor(stored)).toEqual(value);
      }),
      { numRuns: 2_000 },
    );
  });
});
