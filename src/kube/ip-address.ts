/**
 * IP addresses and prefixes read as Go's net package reads them (ParseIP, ParseCIDR): dotted IPv4 without leading
 * zeros, IPv6 with at most one `::` and an optional dotted tail, no zones. An IPv4-mapped IPv6 address is the IPv4
 * address (Go's To4), so `::ffff:127.0.0.1` is a loopback address and equals 127.0.0.1.
 */

export interface IpAddress {
  readonly family: 4 | 6;
  /** 4 or 16 bytes. */
  readonly bytes: readonly number[];
}

export interface IpPrefix {
  readonly address: IpAddress;
  readonly bits: number;
}

function ipv4Bytes(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9][0-9]{0,2})$/.test(part))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

/** Colon-separated groups (the last may be dotted IPv4 when `dottedTail`), as bytes. */
function groupBytes(text: string, dottedTail: boolean): number[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  const bytes: number[] = [];
  for (const [index, group] of groups.entries()) {
    if (dottedTail && index === groups.length - 1 && group.includes('.')) {
      const tail = ipv4Bytes(group);
      if (tail === undefined) return undefined;
      bytes.push(...tail);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(group)) {
      const value = Number.parseInt(group, 16);
      bytes.push(value >> 8, value & 0xff);
    } else return undefined;
  }
  return bytes;
}

function ipv6Bytes(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const [head = '', tail] = halves;
  if (tail === undefined) {
    const bytes = groupBytes(head, true);
    return bytes?.length === 16 ? bytes : undefined;
  }
  const before = groupBytes(head, false);
  const after = groupBytes(tail, true);
  if (before === undefined || after === undefined) return undefined;
  // `::` stands for at least one group of zeros.
  const zeros = 16 - before.length - after.length;
  return zeros >= 2 ? [...before, ...new Array<number>(zeros).fill(0), ...after] : undefined;
}

const MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function isMapped(bytes: readonly number[]): boolean {
  return MAPPED_PREFIX.every((byte, index) => bytes[index] === byte);
}

export function parseIp(text: string): IpAddress | undefined {
  const v4 = ipv4Bytes(text);
  if (v4 !== undefined) return { family: 4, bytes: v4 };
  const v6 = text.includes(':') ? ipv6Bytes(text) : undefined;
  if (v6 === undefined) return undefined;
  return isMapped(v6) ? { family: 4, bytes: v6.slice(12) } : { family: 6, bytes: v6 };
}

/** `address/bits`; an IPv4-mapped IPv6 prefix counts its bits within the IPv4 address, as Go's mask does. */
export function parseCidr(text: string): IpPrefix | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addressText = text.slice(0, slash);
  const bitsText = text.slice(slash + 1);
  const address = parseIp(addressText);
  if (address === undefined || !/^(0|[1-9][0-9]{0,2})$/.test(bitsText)) return undefined;
  const written = Number(bitsText);
  if (written > (addressText.includes(':') ? 128 : 32)) return undefined;
  const bits = addressText.includes(':') && address.family === 4 ? Math.max(0, written - 96) : written;
  return { address, bits };
}

export function sameIp(a: IpAddress, b: IpAddress): boolean {
  return a.family === b.family && a.bytes.every((byte, index) => byte === b.bytes[index]);
}

export function prefixContains(prefix: IpPrefix, address: IpAddress): boolean {
  if (prefix.address.family !== address.family) return false;
  for (let bit = 0; bit < prefix.bits; bit++) {
    const mask = 0x80 >> (bit % 8);
    const index = Math.floor(bit / 8);
    if (((prefix.address.bytes[index] ?? 0) & mask) !== ((address.bytes[index] ?? 0) & mask)) return false;
  }
  return true;
}

/** 127.0.0.0/8 and ::1. */
export function isLoopback(address: IpAddress): boolean {
  if (address.family === 4) return address.bytes[0] === 127;
  return address.bytes.every((byte, index) => byte === (index === 15 ? 1 : 0));
}
