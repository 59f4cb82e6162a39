/**
 * NaCl secretbox (XSalsa20 stream + Poly1305 one-time authenticator), which kube-apiserver's `secretbox`
 * encryption provider uses and Node's crypto does not offer. Written from the specifications: Salsa20 and
 * HSalsa20/XSalsa20 (Bernstein, "Salsa20 specification" and "Extending the Salsa20 nonce"), Poly1305 (RFC 8439
 * section 2.5). Box layout: 16-byte tag, then the ciphertext; the tag covers the ciphertext only.
 */

export const SECRETBOX_KEY_BYTES = 32;
export const SECRETBOX_NONCE_BYTES = 24;
export const SECRETBOX_TAG_BYTES = 16;

/** The plaintext of `box` (tag + ciphertext), or undefined when the tag does not verify (wrong key, nonce or data). */
export function secretboxOpen(box: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array | undefined {
  checkSizes(nonce, key);
  if (box.length < SECRETBOX_TAG_BYTES) return undefined;
  const ciphertext = box.subarray(SECRETBOX_TAG_BYTES);
  const stream = xsalsa20Stream(key, nonce, 32 + ciphertext.length);
  const expected = poly1305(ciphertext, stream.subarray(0, 32));
  if (!equalInConstantTime(expected, box.subarray(0, SECRETBOX_TAG_BYTES))) return undefined;
  return xor(ciphertext, stream.subarray(32));
}

/** The box (16-byte tag + ciphertext) of `plaintext` under `key` and a 24-byte `nonce` the caller never reuses. */
export function secretboxSeal(plaintext: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array {
  checkSizes(nonce, key);
  const stream = xsalsa20Stream(key, nonce, 32 + plaintext.length);
  const ciphertext = xor(plaintext, stream.subarray(32));
  const box = new Uint8Array(SECRETBOX_TAG_BYTES + ciphertext.length);
  box.set(poly1305(ciphertext, stream.subarray(0, 32)), 0);
  box.set(ciphertext, SECRETBOX_TAG_BYTES);
  return box;
}

/** `length` bytes of the XSalsa20 key stream for a 32-byte key and 24-byte nonce, block counter from 0. */
export function xsalsa20Stream(key: Uint8Array, nonce: Uint8Array, length: number): Uint8Array {
  checkSizes(nonce, key);
  const subkey = hsalsa20(key, nonce.subarray(0, 16));
  const input = new Uint32Array(16);
  loadSalsaState(input, subkey, nonce.subarray(16, 24));
  const out = new Uint8Array(length);
  const block = new Uint32Array(16);
  const blockBytes = new Uint8Array(64);
  const blockView = new DataView(blockBytes.buffer);
  for (let offset = 0; offset < length; offset += 64) {
    salsa20Block(input, block, true);
    for (let i = 0; i < 16; i++) blockView.setUint32(i * 4, block[i]!, true);
    out.set(blockBytes.subarray(0, Math.min(64, length - offset)), offset);
    // 64-bit little-endian block counter in words 8 and 9.
    input[8] = (input[8]! + 1) >>> 0;
    if (input[8] === 0) input[9] = (input[9]! + 1) >>> 0;
  }
  return out;
}

/** The 16-byte Poly1305 tag of `message` under a 32-byte one-time key (r, then s), per RFC 8439 section 2.5. */
export function poly1305(message: Uint8Array, oneTimeKey: Uint8Array): Uint8Array {
  if (oneTimeKey.length !== 32) throw new RangeError('poly1305 key must be 32 bytes');
  const view = new DataView(oneTimeKey.buffer, oneTimeKey.byteOffset, 32);
  const r = readUint128(view, 0) & 0x0ffffffc0ffffffc0ffffffc0fffffffn;
  const s = readUint128(view, 16);
  const message64 = new DataView(message.buffer, message.byteOffset, message.byteLength);
  let h = 0n;
  const fullBlocks = message.length - (message.length % 16);
  for (let i = 0; i < fullBlocks; i += 16) {
    h = reduce1305((h + readUint128(message64, i) + TWO_128) * r);
  }
  if (fullBlocks < message.length) {
    // A short last block gets its 0x01 marker right after its own bytes instead of at 2^128.
    const last = new Uint8Array(16);
    last.set(message.subarray(fullBlocks));
    last[message.length - fullBlocks] = 1;
    h = reduce1305((h + readUint128(new DataView(last.buffer), 0)) * r);
  }
  // Fully reduce h modulo p before adding s; the tag is the low 128 bits.
  if (h >= P1305) h -= P1305;
  const tag = (h + s) & MASK_128;
  const out = new Uint8Array(16);
  const outView = new DataView(out.buffer);
  outView.setBigUint64(0, tag & MASK_64, true);
  outView.setBigUint64(8, tag >> 64n, true);
  return out;
}

const P1305 = (1n << 130n) - 5n;
const TWO_128 = 1n << 128n;
const MASK_64 = (1n << 64n) - 1n;
const MASK_128 = (1n << 128n) - 1n;
const MASK_130 = (1n << 130n) - 1n;

/** h mod 2^130-5, partially: folds the bits above 2^130 back in (2^130 = 5 mod p), leaving h < 2p. */
function reduce1305(h: bigint): bigint {
  h = (h & MASK_130) + (h >> 130n) * 5n;
  return (h & MASK_130) + (h >> 130n) * 5n;
}

function readUint128(view: DataView, offset: number): bigint {
  return view.getBigUint64(offset, true) | (view.getBigUint64(offset + 8, true) << 64n);
}

/** HSalsa20: 32 bytes derived from a 32-byte key and 16-byte input, used to stretch the nonce to 24 bytes. */
function hsalsa20(key: Uint8Array, input16: Uint8Array): Uint8Array {
  const state = new Uint32Array(16);
  loadSalsaState(state, key, input16);
  const x = new Uint32Array(16);
  salsa20Block(state, x, false);
  const out = new Uint8Array(32);
  const view = new DataView(out.buffer);
  [0, 5, 10, 15, 6, 7, 8, 9].forEach((word, i) => view.setUint32(i * 4, x[word]!, true));
  return out;
}

/** Salsa20 state: constants on the diagonal, key in words 1-4 and 11-14, `input` (nonce, counter) from word 6. */
function loadSalsaState(state: Uint32Array, key: Uint8Array, input: Uint8Array): void {
  const k = new DataView(key.buffer, key.byteOffset, 32);
  const n = new DataView(input.buffer, input.byteOffset, input.length);
  state[0] = 0x61707865; // "expand 32-byte k"
  state[5] = 0x3320646e;
  state[10] = 0x79622d32;
  state[15] = 0x6b206574;
  for (let i = 0; i < 4; i++) {
    state[1 + i] = k.getUint32(i * 4, true);
    state[11 + i] = k.getUint32(16 + i * 4, true);
  }
  for (let i = 0; i < input.length / 4; i++) state[6 + i] = n.getUint32(i * 4, true);
}

/** 20 rounds of Salsa20 over `input` into `out`; `addInput` gives the Salsa20 block, without it the HSalsa20 core. */
function salsa20Block(input: Uint32Array, out: Uint32Array, addInput: boolean): void {
  let x0 = input[0]!, x1 = input[1]!, x2 = input[2]!, x3 = input[3]!;
  let x4 = input[4]!, x5 = input[5]!, x6 = input[6]!, x7 = input[7]!;
  let x8 = input[8]!, x9 = input[9]!, x10 = input[10]!, x11 = input[11]!;
  let x12 = input[12]!, x13 = input[13]!, x14 = input[14]!, x15 = input[15]!;
  let t: number;
  for (let round = 0; round < 20; round += 2) {
    // Column round: quarter-rounds on (0,4,8,12), (5,9,13,1), (10,14,2,6), (15,3,7,11).
    t = (x0 + x12) | 0; x4 ^= (t << 7) | (t >>> 25);
    t = (x4 + x0) | 0; x8 ^= (t << 9) | (t >>> 23);
    t = (x8 + x4) | 0; x12 ^= (t << 13) | (t >>> 19);
    t = (x12 + x8) | 0; x0 ^= (t << 18) | (t >>> 14);
    t = (x5 + x1) | 0; x9 ^= (t << 7) | (t >>> 25);
    t = (x9 + x5) | 0; x13 ^= (t << 9) | (t >>> 23);
    t = (x13 + x9) | 0; x1 ^= (t << 13) | (t >>> 19);
    t = (x1 + x13) | 0; x5 ^= (t << 18) | (t >>> 14);
    t = (x10 + x6) | 0; x14 ^= (t << 7) | (t >>> 25);
    t = (x14 + x10) | 0; x2 ^= (t << 9) | (t >>> 23);
    t = (x2 + x14) | 0; x6 ^= (t << 13) | (t >>> 19);
    t = (x6 + x2) | 0; x10 ^= (t << 18) | (t >>> 14);
    t = (x15 + x11) | 0; x3 ^= (t << 7) | (t >>> 25);
    t = (x3 + x15) | 0; x7 ^= (t << 9) | (t >>> 23);
    t = (x7 + x3) | 0; x11 ^= (t << 13) | (t >>> 19);
    t = (x11 + x7) | 0; x15 ^= (t << 18) | (t >>> 14);
    // Row round: quarter-rounds on (0,1,2,3), (5,6,7,4), (10,11,8,9), (15,12,13,14).
    t = (x0 + x3) | 0; x1 ^= (t << 7) | (t >>> 25);
    t = (x1 + x0) | 0; x2 ^= (t << 9) | (t >>> 23);
    t = (x2 + x1) | 0; x3 ^= (t << 13) | (t >>> 19);
    t = (x3 + x2) | 0; x0 ^= (t << 18) | (t >>> 14);
    t = (x5 + x4) | 0; x6 ^= (t << 7) | (t >>> 25);
    t = (x6 + x5) | 0; x7 ^= (t << 9) | (t >>> 23);
    t = (x7 + x6) | 0; x4 ^= (t << 13) | (t >>> 19);
    t = (x4 + x7) | 0; x5 ^= (t << 18) | (t >>> 14);
    t = (x10 + x9) | 0; x11 ^= (t << 7) | (t >>> 25);
    t = (x11 + x10) | 0; x8 ^= (t << 9) | (t >>> 23);
    t = (x8 + x11) | 0; x9 ^= (t << 13) | (t >>> 19);
    t = (x9 + x8) | 0; x10 ^= (t << 18) | (t >>> 14);
    t = (x15 + x14) | 0; x12 ^= (t << 7) | (t >>> 25);
    t = (x12 + x15) | 0; x13 ^= (t << 9) | (t >>> 23);
    t = (x13 + x12) | 0; x14 ^= (t << 13) | (t >>> 19);
    t = (x14 + x13) | 0; x15 ^= (t << 18) | (t >>> 14);
  }
  const words = [x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15];
  for (let i = 0; i < 16; i++) out[i] = addInput ? words[i]! + input[i]! : words[i]!;
}

function xor(data: Uint8Array, stream: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! ^ stream[i]!;
  return out;
}

/** Compares all bytes whatever the first difference, so the timing does not say where a forged tag went wrong. */
function equalInConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ (b[i] ?? 0);
  return difference === 0;
}

function checkSizes(nonce: Uint8Array, key: Uint8Array): void {
  if (key.length !== SECRETBOX_KEY_BYTES) throw new RangeError(`secretbox key must be ${SECRETBOX_KEY_BYTES} bytes`);
  if (nonce.length !== SECRETBOX_NONCE_BYTES) {
    throw new RangeError(`secretbox nonce must be ${SECRETBOX_NONCE_BYTES} bytes`);
  }
}
