/**
 * CRC-32 with the Castagnoli polynomial (Go's crc32.MakeTable(crc32.Castagnoli)), which `etcdctl snapshot status`
 * reports as the hash. Node's zlib.crc32 is the IEEE polynomial, so this is computed here, eight bytes per step
 * ("slicing by 8": eight 256-entry tables in one array, table t at offset 256 * t).
 */
const POLYNOMIAL = 0x82f63b78; // Castagnoli, bit-reversed

const TABLE = (() => {
  const table = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? POLYNOMIAL ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  for (let t = 1; t < 8; t++) {
    for (let n = 0; n < 256; n++) {
      const previous = table[(t - 1) * 256 + n] as number;
      table[t * 256 + n] = (previous >>> 8) ^ (table[previous & 0xff] as number);
    }
  }
  return table;
})();

function update(crc: number, bytes: Uint8Array): number {
  const t = TABLE;
  const length = bytes.length;
  const end8 = length - (length & 7);
  let i = 0;
  for (; i < end8; i += 8) {
    const low = crc ^ ((bytes[i] as number) | ((bytes[i + 1] as number) << 8) | ((bytes[i + 2] as number) << 16) | ((bytes[i + 3] as number) << 24));
    crc =
      (t[1792 + (low & 0xff)] as number) ^
      (t[1536 + ((low >>> 8) & 0xff)] as number) ^
      (t[1280 + ((low >>> 16) & 0xff)] as number) ^
      (t[1024 + (low >>> 24)] as number) ^
      (t[768 + (bytes[i + 4] as number)] as number) ^
      (t[512 + (bytes[i + 5] as number)] as number) ^
      (t[256 + (bytes[i + 6] as number)] as number) ^
      (t[bytes[i + 7] as number] as number);
  }
  for (; i < length; i++) crc = (t[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return crc;
}

/** A running CRC-32C: update with each piece in order, then read `value`. */
export class Crc32c {
  private crc = ~0;

  update(bytes: Uint8Array): this {
    this.crc = update(this.crc, bytes);
    return this;
  }

  get value(): number {
    return ~this.crc >>> 0;
  }
}
