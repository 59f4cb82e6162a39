import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { poly1305, secretboxOpen, secretboxSeal, xsalsa20Stream } from '../../src/codec/secretbox.js';

const hex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

// The secretbox example of D. J. Bernstein, "Cryptography in NaCl" (2009), section 10, also NaCl's
// tests/secretbox.c: key "firstkey", 24-byte nonce, 131-byte message, box = 16-byte tag + ciphertext.
const naclKey = hex('1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389');
const naclNonce = hex('69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37');
const naclMessage = hex(`
  be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffce5ecbaaf33bd751a1ac728d45e6c61296c
  dc3c01233561f41db66cce314adb310e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde0489
  77eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f937763848645e0705`);
const naclBox = hex(`
  f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce48332ea7164d96a4476fb8c531a1186a
  c0dfc17c98dce87b4da7f011ec48c97271d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae
  90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b37973f622a43d14a6599b1f654cb45a74
  e355a5`);

describe('secretbox against the published NaCl vector', () => {
  it('seals the NaCl message to the published box', () => {
    expect(toHex(secretboxSeal(naclMessage, naclNonce, naclKey))).toBe(toHex(naclBox));
  });

  it('opens the published box to the NaCl message', () => {
    expect(toHex(secretboxOpen(naclBox, naclNonce, naclKey)!)).toBe(toHex(naclMessage));
  });

  it('derives the published one-time Poly1305 key: the first 32 bytes of the XSalsa20 stream', () => {
    // NaCl tests/stream3 and the paper: crypto_stream(32, nonce, firstkey).
    expect(toHex(xsalsa20Stream(naclKey, naclNonce, 32))).toBe(
      'eea6a7251c1e72916d11c2cb214d3c252539121d8e234e652d651fa4c8cff880',
    );
  });

  it('matches NaCl tests/stream: SHA-256 of 4,194,304 stream bytes (65,536 blocks, counter carries)', () => {
    const stream = xsalsa20Stream(naclKey, naclNonce, 4_194_304);
    expect(createHash('sha256').update(stream).digest('hex')).toBe(
      '662b9d0e3463029156069b12f918691a98f7dfb2ca0393c96bbfc6b1fbd630a2',
    );
  });

  it('refuses the box under a wrong key, a wrong nonce, or with any single bit flipped', () => {
    const otherKey = naclKey.slice();
    otherKey[31]! ^= 1;
    const otherNonce = naclNonce.slice();
    otherNonce[0]! ^= 0x80;
    expect(secretboxOpen(naclBox, naclNonce, otherKey)).toBeUndefined();
    expect(secretboxOpen(naclBox, otherNonce, naclKey)).toBeUndefined();
    for (let bit = 0; bit < naclBox.length * 8; bit++) {
      const forged = naclBox.slice();
      forged[bit >> 3]! ^= 1 << (bit & 7);
      expect(secretboxOpen(forged, naclNonce, naclKey)).toBeUndefined();
    }
  });

  it('refuses boxes shorter than the tag and truncated boxes', () => {
    expect(secretboxOpen(new Uint8Array(15), naclNonce, naclKey)).toBeUndefined();
    expect(secretboxOpen(naclBox.subarray(0, naclBox.length - 1), naclNonce, naclKey)).toBeUndefined();
  });

  it('rejects keys and nonces of the wrong size as programming errors', () => {
    expect(() => secretboxOpen(naclBox, naclNonce, naclKey.subarray(0, 16))).toThrow(/key must be 32 bytes/);
    expect(() => secretboxSeal(naclMessage, naclNonce.subarray(0, 12), naclKey)).toThrow(/nonce must be 24 bytes/);
  });
});

describe('poly1305 against RFC 8439', () => {
  it('section 2.5.2: "Cryptographic Forum Research Group"', () => {
    const key = hex('85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b');
    const tag = poly1305(new TextEncoder().encode('Cryptographic Forum Research Group'), key);
    expect(toHex(tag)).toBe('a8061dc1305136c6c22b8baf0c0127a9');
  });

  // Appendix A.3, test vectors #5 to #11: the edge cases of the arithmetic modulo 2^130-5 (h >= p, wrap-around,
  // carries) that random inputs practically never reach. Each row: key (r, s), message, tag.
  const edgeCases: [string, string, string, string][] = [
    ['#5', '02'.padEnd(64, '0'), 'ff'.repeat(16), '03'.padEnd(32, '0')],
    ['#6', '02'.padEnd(32, '0') + 'ff'.repeat(16), '02'.padEnd(32, '0'), '03'.padEnd(32, '0')],
    ['#7', '01'.padEnd(64, '0'), 'ff'.repeat(16) + 'f0' + 'ff'.repeat(15) + '11'.padEnd(32, '0'), '05'.padEnd(32, '0')],
    ['#8', '01'.padEnd(64, '0'), 'ff'.repeat(16) + 'fb' + 'fe'.repeat(15) + '01'.repeat(16), '0'.repeat(32)],
    ['#9', '02'.padEnd(64, '0'), 'fd' + 'ff'.repeat(15), 'fa' + 'ff'.repeat(15)],
    [
      '#10',
      '0100000000000000040000000000000000000000000000000000000000000000',
      'e33594d7505e43b900000000000000003394d7505e4379cd01000000000000000000000000000000000000000000000001000000000000000000000000000000',
      '14000000000000005500000000000000',
    ],
    [
      '#11',
      '0100000000000000040000000000000000000000000000000000000000000000',
      'e33594d7505e43b900000000000000003394d7505e4379cd010000000000000000000000000000000000000000000000',
      '13000000000000000000000000000000',
    ],
  ];
  it.each(edgeCases)('appendix A.3 %s', (_name, key, message, tag) => {
    expect(toHex(poly1305(hex(message), hex(key)))).toBe(tag);
  });
});

describe('secretbox round trips', () => {
  const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });

  it('opens what it seals, for any key, nonce and message up to a few blocks', () => {
    fc.assert(
      fc.property(bytes(32), bytes(24), fc.uint8Array({ maxLength: 300 }), (key, nonce, message) => {
        const box = secretboxSeal(message, nonce, key);
        expect(box.length).toBe(message.length + 16);
        expect(toHex(secretboxOpen(box, nonce, key)!)).toBe(toHex(message));
      }),
    );
  });

  it('refuses every sealed box with one flipped bit', () => {
    fc.assert(
      fc.property(bytes(32), bytes(24), fc.uint8Array({ maxLength: 100 }), fc.nat(), (key, nonce, message, at) => {
        const box = secretboxSeal(message, nonce, key);
        const bit = at % (box.length * 8);
        box[bit >> 3]! ^= 1 << (bit & 7);
        expect(secretboxOpen(box, nonce, key)).toBeUndefined();
      }),
    );
  });
});
