/**
 * How `stats` prints what takes the space: tables per resource type, per namespace, the largest values and the
 * members' database files, each row with a bar of its share; or every exact figure as JSON.
 */
import type { JsonObject } from '../codec/value.js';
import type { GroupStats, KeyspaceStats } from '../etcd/keyspace-stats.js';
import { reclaimable, type MemberSpace } from '../etcd/member-space.js';
import { bar, percent } from './bar.js';
import { AlignedTable } from './table.js';
import { humanBytes } from './tree.js';

export const statsFormats = ['table', 'json'] as const;
export type StatsFormat = (typeof statsFormats)[number];

const BAR_WIDTH = 20;

function shareCell(part: number, whole: number): string {
  return `${bar(whole === 0 ? 0 : part / whole, BAR_WIDTH)} ${percent(part, whole)}`;
}

function groupTable(title: string, groups: readonly GroupStats[], total: GroupStats): string {
  const table = new AlignedTable([title, 'KEYS', 'SIZE', 'LARGEST', 'LEASED', 'SHARE OF SIZE']);
  for (const g of groups) table.add([g.name, String(g.objects), humanBytes(g.bytes), humanBytes(g.largest), String(g.leased), shareCell(g.bytes, total.bytes)]);
  return table.take();
}

function largestTable(stats: KeyspaceStats): string {
  const table = new AlignedTable(['LARGEST VALUES', 'SIZE', 'SHARE OF SIZE']);
  for (const value of stats.largest) table.add([value.key, humanBytes(value.bytes), shareCell(value.bytes, stats.total.bytes)]);
  return table.take();
}

function membersTable(members: readonly MemberSpace[]): string {
  const table = new AlignedTable(['MEMBER', 'ENDPOINT', 'DB SIZE', 'IN USE', 'DEFRAG WOULD RECLAIM']);
  for (const member of members) {
    const free = reclaimable(member);
    if (member.error !== undefined) table.add([member.memberId || '<unknown>', member.endpoint, '-', '-', `no answer: ${member.error}`]);
    else table.add([member.memberId, member.endpoint, humanBytes(member.dbSize), member.dbSizeInUse === undefined ? '<unknown>' : humanBytes(member.dbSizeInUse), free === undefined ? '<unknown>' : `${humanBytes(free)}  ${shareCell(free, member.dbSize)}`]);
  }
  return table.take();
}

export function statsTable(stats: KeyspaceStats, members: readonly MemberSpace[]): string {
  const { total } = stats;
  const summary = `${total.objects} keys, ${humanBytes(total.bytes)} of values (${total.bytes} bytes), ${total.leased} with a lease, at revision ${stats.revision}\n`;
  const sections = [summary, groupTable('RESOURCE', stats.resources, total), groupTable('NAMESPACE', stats.namespaces, total)];
  if (stats.largest.length > 0) sections.push(largestTable(stats));
  if (members.length > 0) sections.push(membersTable(members));
  return sections.join('\n');
}

function groupObject(g: GroupStats): JsonObject {
  return { name: g.name, keys: g.objects, bytes: g.bytes, largestBytes: g.largest, leasedKeys: g.leased };
}

export function statsDocument(stats: KeyspaceStats, members: readonly MemberSpace[]): JsonObject {
  return {
    revision: stats.revision,
    total: { keys: stats.total.objects, bytes: stats.total.bytes, largestBytes: stats.total.largest, leasedKeys: stats.total.leased },
    resources: stats.resources.map(groupObject),
    namespaces: stats.namespaces.map(groupObject),
    largest: stats.largest.map((v) => ({ key: v.key, bytes: v.bytes })),
    members: members.map((m) => ({
      endpoint: m.endpoint,
      id: m.memberId,
      ...(m.error !== undefined ? { error: m.error } : { dbSize: m.dbSize, dbSizeInUse: m.dbSizeInUse ?? null, reclaimable: reclaimable(m) ?? null }),
    })),
  };
}
