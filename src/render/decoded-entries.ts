/**
 * The values `get` prints, decoded: one key's entry, with the message to give when it does not decode; and a batch
 * of keys formatted as the items of a kubectl List, which is what item-workers.ts hands to worker threads.
 */
import type { UnknownFieldReport } from '../codec/decode-message.js';
import type { KeyRing } from '../codec/encryption-config.js';
import { decodeStoredValue, type DecodedValue, type DecodeOptions } from '../codec/stored-value.js';
import type { KeyValue } from '../etcd/etcdctl-json.js';
import { apiVersionOf, parseKey, type KeyAddress } from '../etcd/key-layout.js';
import { forApply, hasOwnerReferences } from './for-apply.js';
import type { KeyEntry } from './key-printers.js';
import { printStoredValueAsJson } from './json-from-protobuf.js';
import { listItemText } from './list-stream.js';
import type { ObjectFormat } from './output.js';
import { storedObject } from './stored-object.js';
import { Utf8Output, type OutputBuffers } from './utf8-output.js';

export interface DecodeSettings {
  readonly keyPrefix: string;
  readonly keyRing?: KeyRing | undefined;
  /** Leave out what the API server sets (see for-apply.ts). */
  readonly forApply: boolean;
}

/** What decoding found along the way: for the warnings and the exit status. */
export interface DecodeTally {
  /** Values shown as stand-ins: still encrypted, or undecodable. */
  incomplete: number;
  /** Objects printed for apply that name owners by uid. */
  owned: number;
  unknown: UnknownFieldReport[];
  unknownIn: string[];
}

export function emptyTally(): DecodeTally {
  return { incomplete: 0, owned: 0, unknown: [], unknownIn: [] };
}

/** Adds `part` (a batch's tally) to `total`. */
export function addTally(total: DecodeTally, part: DecodeTally): void {
  total.incomplete += part.incomplete;
  total.owned += part.owned;
  total.unknown.push(...part.unknown);
  total.unknownIn.push(...part.unknownIn);
}

function failureMessage(key: string, decoded: DecodedValue): string | undefined {
  if (decoded.status === 'undecodable') return `error: cannot decode ${key}: ${decoded.reason}${decoded.offset !== null ? ` (at byte ${decoded.offset})` : ''}`;
  if (decoded.status === 'encrypted') return `error: ${key} is encrypted at rest (${decoded.provider}, key ${decoded.keyName}): ${decoded.reason}`;
  return undefined;
}

interface DecodedKey {
  readonly address: KeyAddress | undefined;
  readonly decoded: DecodedValue;
  /** What to tell the user when the value is shown as a stand-in. */
  readonly failure: string | undefined;
}

function decodeKey(key: string, value: Uint8Array, settings: DecodeSettings, tally: DecodeTally): DecodedKey {
  const address = parseKey(settings.keyPrefix, key);
  const options: DecodeOptions = {
    key,
    ...(settings.keyRing !== undefined ? { keyRing: settings.keyRing } : {}),
    ...(address?.type !== undefined ? { typeHint: { apiVersion: apiVersionOf(address.type), kind: address.type.kind } } : {}),
  };
  const decoded = decodeStoredValue(value, options);
  const failure = failureMessage(key, decoded);
  if (failure !== undefined) tally.incomplete++;
  else if (decoded.status === 'decoded' && decoded.unknownFields.length > 0) {
    tally.unknown.push(...decoded.unknownFields);
    tally.unknownIn.push(key);
  }
  if (!settings.forApply || decoded.status !== 'decoded') return { address, decoded, failure };
  if (hasOwnerReferences(decoded.object)) tally.owned++;
  return { address, decoded: { ...decoded, object: forApply(decoded.object, { builtIn: address?.type !== undefined }) }, failure };
}

/** One key's entry for the printers, decoded, and the message for the user when it did not decode. */
export function decodeEntry(kv: KeyValue, settings: DecodeSettings, tally: DecodeTally): { entry: KeyEntry; failure: string | undefined } {
  const key = kv.key.toString('utf8');
  const { address, decoded, failure } = decodeKey(key, kv.value, settings, tally);
  return { entry: { kv, key, address, decoded }, failure };
}

/**
 * A batch of keys printed as List items: the items' text (each after the one before, no separator before the
 * first); UTF-8 bytes when a worker thread made it (bytes cross threads without a copy; text would be copied).
 */
export interface FormattedItems {
  readonly text: string | Uint8Array;
  /** Messages for values shown as stand-ins, in key order; at most `maxFailures` of them. */
  readonly failures: readonly string[];
  readonly tally: DecodeTally;
}

export interface KeyAndValue {
  readonly key: Uint8Array;
  readonly value: Uint8Array;
}

/** JSON items are written into one of `buffers` when given (the caller gives it back once the text is written). */
export function formatListItems(batch: readonly KeyAndValue[], settings: DecodeSettings, format: ObjectFormat, maxFailures: number, buffers?: OutputBuffers): FormattedItems {
  if (format === 'json' && !settings.forApply) return formatJsonListItems(batch, settings, maxFailures, buffers);
  const tally = emptyTally();
  const failures: string[] = [];
  const items: string[] = [];
  for (const { key, value } of batch) items.push(decodedItemText(key, value, settings, format, { tally, failures, maxFailures }));
  return { text: items.join(format === 'json' ? ',\n' : ''), failures, tally };
}

/** One key's List item, decoded then printed; its failure, if any, is counted and kept (up to maxFailures). */
function decodedItemText(keyBytes: Uint8Array, value: Uint8Array, settings: DecodeSettings, format: ObjectFormat, found: { tally: DecodeTally; failures: string[]; maxFailures: number }): string {
  const key = Buffer.from(keyBytes.buffer, keyBytes.byteOffset, keyBytes.length).toString('utf8');
  const { decoded, failure } = decodeKey(key, value, settings, found.tally);
  if (failure !== undefined && found.failures.length < found.maxFailures) found.failures.push(failure);
  return listItemText(storedObject(decoded, key), format);
}

/** Where List items start in kubectl's JSON: two levels in, under `"items": [`. */
const ITEM_DEPTH = 2;
const ITEM_INDENT = Buffer.from(' '.repeat(4 * ITEM_DEPTH));
const ITEM_SEPARATOR = Buffer.from(',\n');

/**
 * JSON items as UTF-8: plain protobuf values printed straight from their bytes (json-from-protobuf.ts), any other
 * value decoded and printed as formatListItems does for every format. The text is the same either way.
 */
function formatJsonListItems(batch: readonly KeyAndValue[], settings: DecodeSettings, maxFailures: number, buffers: OutputBuffers | undefined): FormattedItems {
  const tally = emptyTally();
  const failures: string[] = [];
  let valueBytes = 0;
  for (const { value } of batch) valueBytes += value.length;
  const out = new Utf8Output(2 * valueBytes + 1024, buffers);
  batch.forEach(({ key, value }, index) => {
    if (index > 0) out.bytes(ITEM_SEPARATOR);
    const itemAt = out.length;
    out.bytes(ITEM_INDENT);
    if (printStoredValueAsJson(value, out, ITEM_DEPTH)) return;
    out.truncate(itemAt);
    out.text(decodedItemText(key, value, settings, 'json', { tally, failures, maxFailures }));
  });
  return { text: out.view(), failures, tally };
}
