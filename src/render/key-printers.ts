/**
 * How `get` prints the keys it reads, one printer per -o format. A printer takes keys one at a time and returns
 * the text (or bytes) to write for each, so output streams however many keys there are.
 */
import type { DecodedValue } from '../codec/stored-value.js';
import type { JsonObject } from '../codec/value.js';
import type { KeyValue } from '../etcd/etcdctl-json.js';
import { apiVersionOf, kubectlName, type KeyAddress } from '../etcd/key-layout.js';
import { EtcdctlJsonStream } from './etcdctl-json-stream.js';
import { ListStream } from './list-stream.js';
import { formatObject } from './output.js';
import { storedObject } from './stored-object.js';
import { AlignedTable } from './table.js';

export const keyFormats = ['yaml', 'json', 'table', 'wide', 'name', 'key', 'raw', 'etcdctl-json'] as const;
export type KeyFormat = (typeof keyFormats)[number];

/** Formats that need no values: they work with --keys-only. */
export const keysOnlyFormats: readonly KeyFormat[] = ['table', 'wide', 'name', 'key', 'etcdctl-json'];

/** Formats that show what values decode to; the others print keys or stored bytes as they are. */
export const decodingFormats: readonly KeyFormat[] = ['yaml', 'json', 'table', 'wide', 'name'];

export interface KeyEntry {
  readonly kv: KeyValue;
  /** The key as text (keys are bytes; Kubernetes keys are UTF-8). */
  readonly key: string;
  /** Resource, namespace and name when the key follows the Kubernetes layout. */
  readonly address: KeyAddress | undefined;
  /** Undefined when values were not read (--keys-only). */
  readonly decoded: DecodedValue | undefined;
}

export interface KeyPrinter {
  add(entry: KeyEntry, revision: number): string | Uint8Array;
  /** List formats: what goes before items formatted elsewhere (see list-items.ts), the next in the List. */
  beforeItems?(): string;
  /** Called after each page of keys: tables print their rows here, aligned. */
  page(): string;
  end(revision: number): string;
}

const NONE = '<none>';
const UNKNOWN = '<unknown>';

/** apiVersion and kind the value says it has; for a value not read or not decoded, what its key says. */
function typeOf(entry: KeyEntry): { apiVersion: string | undefined; kind: string | undefined } {
  const { decoded, address } = entry;
  if (decoded?.status === 'decoded') {
    const { apiVersion, kind } = decoded.object;
    return { apiVersion: typeof apiVersion === 'string' ? apiVersion : undefined, kind: typeof kind === 'string' ? kind : undefined };
  }
  const type = address?.type;
  return { apiVersion: type === undefined ? undefined : apiVersionOf(type), kind: type?.kind };
}

function encodingOf(decoded: DecodedValue | undefined): string {
  if (decoded === undefined) return UNKNOWN;
  if (decoded.status === 'encrypted') return `encrypted (${decoded.provider})`;
  if (decoded.status === 'undecodable') return 'undecodable';
  return decoded.decryptedWith === undefined ? decoded.encoding : `${decoded.encoding}, ${decoded.decryptedWith.provider}`;
}

/** A lease ID as etcdctl prints leases: sixteen hex digits (member IDs it prints unpadded). */
function hexLease(lease: number | bigint): string {
  return lease === 0 || lease === 0n ? NONE : BigInt(lease).toString(16).padStart(16, '0');
}

const TABLE_COLUMNS = ['KEY', 'NAMESPACE', 'NAME', 'KIND', 'SIZE', 'REVISION'];
const WIDE_COLUMNS = [...TABLE_COLUMNS, 'APIVERSION', 'ENCODING', 'CREATE REVISION', 'VERSION', 'LEASE'];

function tableRow(entry: KeyEntry, wide: boolean): string[] {
  const { kv, address, decoded } = entry;
  const { apiVersion, kind } = typeOf(entry);
  const shownKind = decoded?.status === 'encrypted' ? 'EncryptedValue' : decoded?.status === 'undecodable' ? 'UndecodableValue' : kind;
  const row = [
    entry.key,
    address?.namespace ?? NONE,
    address?.name ?? NONE,
    shownKind ?? UNKNOWN,
    decoded === undefined ? UNKNOWN : String(kv.value.length),
    String(kv.modRevision),
  ];
  if (!wide) return row;
  return [...row, apiVersion ?? UNKNOWN, encodingOf(decoded), String(kv.createRevision), String(kv.version), hexLease(kv.lease)];
}

class TablePrinter implements KeyPrinter {
  private readonly table: AlignedTable;

  constructor(private readonly wide: boolean) {
    this.table = new AlignedTable(wide ? WIDE_COLUMNS : TABLE_COLUMNS);
  }

  private rows = 0;

  add(entry: KeyEntry): string {
    this.table.add(tableRow(entry, this.wide));
    this.rows++;
    return '';
  }

  /** Nothing until there is a row: an empty listing prints no header, as kubectl prints none. */
  page(): string {
    return this.rows === 0 ? '' : this.table.take();
  }

  end(): string {
    return '';
  }
}

/** kubectl's `-o name` (`deployment.apps/web`); the key itself when it is not an object's. */
function objectName(entry: KeyEntry): string {
  const { address } = entry;
  if (address === undefined) return entry.key;
  const { apiVersion, kind } = typeOf(entry);
  if (kind === undefined || apiVersion === undefined) return `${address.resource}/${address.name}`;
  const slash = apiVersion.lastIndexOf('/');
  return kubectlName(kind, slash < 0 ? '' : apiVersion.slice(0, slash), address.name);
}

function objectOf(entry: KeyEntry): JsonObject {
  if (entry.decoded === undefined) throw new Error(`no value was read for ${entry.key}`);
  return storedObject(entry.decoded, entry.key);
}

const lines = (line: (entry: KeyEntry) => string): KeyPrinter => ({
  add: (entry) => `${line(entry)}\n`,
  page: () => '',
  end: () => '',
});

/**
 * The printer for a format. `listing` says whether the request can match several keys: then objects print as a
 * List (an empty one when nothing matched), as `kubectl get` prints a resource list.
 */
export function keyPrinter(format: KeyFormat, listing: boolean): KeyPrinter {
  switch (format) {
    case 'table':
    case 'wide':
      return new TablePrinter(format === 'wide');
    case 'name':
      return lines(objectName);
    case 'key':
      return lines((entry) => entry.key);
    case 'raw':
      return { add: (entry) => entry.kv.value, page: () => '', end: () => '' };
    case 'etcdctl-json': {
      const stream = new EtcdctlJsonStream();
      return { add: (entry, revision) => stream.kv(entry.kv, revision), page: () => '', end: (revision) => stream.end(revision) };
    }
    case 'yaml':
    case 'json': {
      if (!listing) return { add: (entry) => formatObject(objectOf(entry), format), page: () => '', end: () => '' };
      const stream = new ListStream(format);
      return { add: (entry) => stream.item(objectOf(entry)), beforeItems: () => stream.beforeItems(), page: () => '', end: () => stream.end() };
    }
  }
}

/** Whether a decoded value is a stand-in for one that could not be shown: encrypted or undecodable. */
export function isIncomplete(decoded: DecodedValue | undefined): boolean {
  return decoded !== undefined && decoded.status !== 'decoded';
}
