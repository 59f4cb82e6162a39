/**
 * What takes the space in etcd, added up key by key as the keyspace streams past: per resource type and per
 * namespace the number of keys, their values' bytes, the largest value and how many keys hold a lease; and the
 * largest values overall. Memory follows the number of types, namespaces and N, not the number of keys.
 */
import { normalizePrefix, parseKey } from './key-layout.js';
import { prefixEnd, type RangeRequest } from './key-value-source.js';
import type { KeySizeSource } from './key-sizes.js';

/** etcd's range end for "to the end of the keyspace". */
const WHOLE_KEYSPACE = Buffer.from([0]);

export interface GroupStats {
  readonly name: string;
  objects: number;
  bytes: number;
  largest: number;
  leased: number;
}

export interface LargeValue {
  readonly key: string;
  readonly bytes: number;
}

export interface KeyspaceStats {
  readonly revision: number;
  readonly total: GroupStats;
  /** By bytes, largest first. */
  readonly resources: readonly GroupStats[];
  readonly namespaces: readonly GroupStats[];
  readonly largest: readonly LargeValue[];
}

/** Keys of cluster-scoped objects, and keys outside the Kubernetes layout, have no namespace. */
export const NO_NAMESPACE = '<none>';

function group(name: string): GroupStats {
  return { name, objects: 0, bytes: 0, largest: 0, leased: 0 };
}

function count(into: GroupStats, bytes: number, leased: boolean): void {
  into.objects++;
  into.bytes += bytes;
  into.largest = Math.max(into.largest, bytes);
  if (leased) into.leased++;
}

function bySize(groups: Iterable<GroupStats>): GroupStats[] {
  return [...groups].sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export class KeyspaceTally {
  private readonly total = group('total');
  private readonly resources = new Map<string, GroupStats>();
  private readonly namespaces = new Map<string, GroupStats>();
  /** The largest values so far, largest first; at most `top`. */
  private readonly largest: LargeValue[] = [];
  private readonly base: string;

  constructor(private readonly keyPrefix: string, private readonly top: number) {
    this.base = `${normalizePrefix(keyPrefix)}/`;
  }

  /** The resource a key is counted under: its type, the first segment of a key under the prefix outside the layout, or `<other>`. */
  private resourceOf(key: string, address: ReturnType<typeof parseKey>): string {
    if (address !== undefined) return address.resource;
    if (!key.startsWith(this.base)) return '<other>';
    const rest = key.slice(this.base.length);
    const slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.slice(0, slash);
  }

  add(key: string, bytes: number, leased: boolean): void {
    const address = parseKey(this.keyPrefix, key);
    count(this.total, bytes, leased);
    for (const [groups, name] of [[this.resources, this.resourceOf(key, address)], [this.namespaces, address?.namespace ?? NO_NAMESPACE]] as const) {
      let stats = groups.get(name);
      if (stats === undefined) groups.set(name, (stats = group(name)));
      count(stats, bytes, leased);
    }
    this.keepIfLarge(key, bytes);
  }

  private keepIfLarge(key: string, bytes: number): void {
    const { largest, top } = this;
    if (largest.length === top && bytes <= (largest[top - 1] as LargeValue).bytes) return;
    let at = largest.length;
    while (at > 0 && (largest[at - 1] as LargeValue).bytes < bytes) at--;
    largest.splice(at, 0, { key, bytes });
    if (largest.length > top) largest.pop();
  }

  result(revision: number): KeyspaceStats {
    return { revision, total: this.total, resources: bySize(this.resources.values()), namespaces: bySize(this.namespaces.values()), largest: [...this.largest] };
  }
}

/** Every key in the range (the whole keyspace when no prefix is given), added up. */
export async function tallyKeyspace(source: KeySizeSource, keyPrefix: string, options: { readonly prefix?: string; readonly top: number }, signal?: AbortSignal): Promise<KeyspaceStats> {
  const start = Buffer.from(options.prefix ?? '');
  const range: RangeRequest = { key: start, rangeEnd: options.prefix === undefined || options.prefix === '' ? WHOLE_KEYSPACE : prefixEnd(start) };
  const tally = new KeyspaceTally(keyPrefix, options.top);
  let revision = 0;
  for await (const page of source.sizes(range, signal)) {
    revision = page.revision;
    for (const { key, valueBytes, leased } of page.keys) tally.add(key.toString('utf8'), valueBytes, leased);
  }
  return tally.result(revision);
}
