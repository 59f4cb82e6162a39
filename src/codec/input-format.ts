/**
 * What `decode` accepts: raw stored bytes, the same in base64 or hex, or `etcdctl get -w json` output (one value
 * per key). `auto` tells them apart by content.
 */
import { parseRangeResponse } from '../etcd/etcdctl-json.js';
import { hasProtobufMagic } from './envelope.js';
import { looksLikeJson } from './stored-value.js';

export const inputFormats = ['auto', 'raw', 'base64', 'hex', 'etcdctl-json'] as const;
export type InputFormat = (typeof inputFormats)[number];

export interface StoredInput {
  /** Where it came from, for messages: the etcd key when known, else the file name. */
  readonly name: string;
  /** The etcd key, when the input says it (etcdctl output). */
  readonly key?: string;
  readonly bytes: Uint8Array;
}

const hexText = /^(?:[0-9a-fA-F]{2})+$/;
const base64Text = /^[A-Za-z0-9+/]+={0,2}$/;

function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

function fromEtcdctlJson(text: string): StoredInput[] {
  return parseRangeResponse(text).kvs.map((kv) => {
    const key = kv.key.toString('utf8');
    return { name: key, key, bytes: kv.value };
  });
}

function isStoredValue(bytes: Uint8Array): boolean {
  if (hasProtobufMagic(bytes) || looksLikeJson(bytes)) return true;
  const prefix = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  return prefix === 'k8s:enc:' || (bytes[0] === 0xd9 && bytes[1] === 0xd9 && bytes[2] === 0xf7);
}

function detect(data: Buffer): Exclude<InputFormat, 'auto'> {
  if (isStoredValue(data)) {
    if (looksLikeJson(data) && /"header"\s*:/.test(data.subarray(0, 200).toString('utf8'))) return 'etcdctl-json';
    return 'raw';
  }
  const text = compact(data.toString('latin1'));
  if (hexText.test(text) && isStoredValue(Buffer.from(text.slice(0, 64), 'hex'))) return 'hex';
  if (base64Text.test(text) && isStoredValue(Buffer.from(text.slice(0, 64), 'base64'))) return 'base64';
  return 'raw';
}

/** Splits one input into stored values; throws an Error with a clear message for malformed text. */
export function readStoredInputs(data: Buffer, name: string, format: InputFormat): StoredInput[] {
  const resolved = format === 'auto' ? detect(data) : format;
  switch (resolved) {
    case 'raw':
      return [{ name, bytes: data }];
    case 'hex': {
      const text = compact(data.toString('latin1'));
      if (!hexText.test(text)) throw new Error(`${name}: not hex (expected pairs of 0-9a-f)`);
      return [{ name, bytes: Buffer.from(text, 'hex') }];
    }
    case 'base64': {
      const text = compact(data.toString('latin1'));
      if (!base64Text.test(text)) throw new Error(`${name}: not base64`);
      return [{ name, bytes: Buffer.from(text, 'base64') }];
    }
    case 'etcdctl-json':
      try {
        return fromEtcdctlJson(data.toString('utf8'));
      } catch (error) {
        throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
      }
  }
}
