/**
 * `kubectl etcd member list`: every member of the etcd cluster, as etcdctl lists them (IDs in hex, exact past
 * 2^53), with the leader marked.
 */
import type { Argv, CommandModule } from 'yargs';
import { isJsonObject, type JsonObject, type JsonValue } from '../codec/value.js';
import type { EtcdConnection } from '../etcd/connect.js';
import { parseJsonExact } from '../render/json-parse.js';
import { toKubectlJson } from '../render/json.js';
import { AlignedTable } from '../render/table.js';
import { withClusterOptions, withEtcd, type ClusterArgs } from './cluster-options.js';
import { writeStdout } from './io.js';

export const memberFormats = ['table', 'json'] as const;
export type MemberFormat = (typeof memberFormats)[number];

export interface Member {
  readonly id: bigint;
  /** Empty until the member has started. */
  readonly name: string;
  readonly peerUrls: readonly string[];
  readonly clientUrls: readonly string[];
  readonly isLearner: boolean;
}

/** An etcd ID as etcdctl prints it: lowercase hex, no padding. */
export function hexId(id: bigint): string {
  return id.toString(16);
}

// ---- reading etcdctl's JSON (numbers exact) ----

export function integerField(object: JsonValue | undefined, field: string): bigint {
  const value = isJsonObject(object) ? object[field] : undefined;
  return typeof value === 'number' || typeof value === 'bigint' ? BigInt(value) : 0n;
}

export function stringField(object: JsonValue | undefined, field: string): string {
  const value = isJsonObject(object) ? object[field] : undefined;
  return typeof value === 'string' ? value : '';
}

function stringList(object: JsonObject, field: string): string[] {
  const value = object[field];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** `member list -w json`. */
export function parseMemberList(text: string): Member[] {
  const parsed = parseJsonExact(text);
  const members = isJsonObject(parsed) && Array.isArray(parsed['members']) ? parsed['members'].filter(isJsonObject) : [];
  return members.map((member) => ({
    id: integerField(member, 'ID'),
    name: stringField(member, 'name'),
    peerUrls: stringList(member, 'peerURLs'),
    clientUrls: stringList(member, 'clientURLs'),
    isLearner: member['isLearner'] === true,
  }));
}

export async function listMembers(connection: EtcdConnection, signal: AbortSignal): Promise<Member[]> {
  const { stdout } = await connection.etcdctl(['member', 'list', '-w', 'json'], { signal });
  return parseMemberList(stdout.toString('utf8'));
}

/** The leader's ID as the member in use sees it; undefined when it cannot tell (no quorum, or it fails). */
async function leaderId(connection: EtcdConnection, signal: AbortSignal): Promise<bigint | undefined> {
  try {
    const { stdout } = await connection.etcdctl(['endpoint', 'status', '-w', 'json'], { signal });
    const [status] = [parseJsonExact(stdout.toString('utf8'))].flat();
    const leader = integerField(isJsonObject(status) ? status['Status'] : undefined, 'leader');
    return leader === 0n ? undefined : leader;
  } catch {
    return undefined;
  }
}

function membersTable(members: readonly Member[], leader: bigint | undefined): string {
  const table = new AlignedTable(['ID', 'STATUS', 'NAME', 'PEER ADDRS', 'CLIENT ADDRS', 'IS LEARNER', 'IS LEADER']);
  for (const member of members) {
    table.add([
      hexId(member.id),
      member.name === '' ? 'unstarted' : 'started',
      member.name === '' ? '<none>' : member.name,
      member.peerUrls.join(',') || '<none>',
      member.clientUrls.join(',') || '<none>',
      String(member.isLearner),
      leader === undefined ? '<unknown>' : String(member.id === leader),
    ]);
  }
  return table.take();
}

function membersJson(members: readonly Member[], leader: bigint | undefined): string {
  return toKubectlJson({
    members: members.map((member) => ({
      id: hexId(member.id),
      name: member.name,
      started: member.name !== '',
      peerURLs: [...member.peerUrls],
      clientURLs: [...member.clientUrls],
      isLearner: member.isLearner,
      ...(leader === undefined ? {} : { isLeader: member.id === leader }),
    })),
  });
}

interface MemberListArgs extends ClusterArgs {
  output: MemberFormat;
}

const memberListCommand: CommandModule<object, MemberListArgs> = {
  command: 'list',
  describe: 'List the members of the etcd cluster, the leader marked',
  builder: (yargs: Argv) => withClusterOptions(yargs
    .option('output', { alias: 'o', choices: memberFormats, default: 'table' as MemberFormat, describe: 'output format' })) as unknown as Argv<MemberListArgs>,
  handler: async (args) => {
    await withEtcd(args, async (connection, signal) => {
      const [members, leader] = await Promise.all([listMembers(connection, signal), leaderId(connection, signal)]);
      await writeStdout(args.output === 'json' ? membersJson(members, leader) : membersTable(members, leader));
    });
  },
};

export const memberCommand: CommandModule<object, object> = {
  command: 'member <command>',
  describe: 'etcd cluster membership',
  builder: (yargs: Argv) => yargs.command(memberListCommand as CommandModule<object, never>).demandCommand(1, 'name a member command'),
  handler: () => undefined,
};
