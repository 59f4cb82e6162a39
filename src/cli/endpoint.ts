/**
 * `kubectl etcd endpoint status|health`: every member's endpoint, asked from inside the etcd pod in use, so one
 * member being down shows as that member's row (and a non-zero exit status) instead of failing the command.
 */
import type { Argv, CommandModule } from 'yargs';
import { isJsonObject, type JsonObject, type JsonValue } from '../codec/value.js';
import type { EtcdConnection } from '../etcd/connect.js';
import { EtcdctlError } from '../kube/errors.js';
import { parseJsonExact } from '../render/json-parse.js';
import { toKubectlJson } from '../render/json.js';
import { AlignedTable } from '../render/table.js';
import { humanBytes } from '../render/tree.js';
import { withClusterOptions, withEtcd, type ClusterArgs } from './cluster-options.js';
import { ExitCode, UserError } from './exit-codes.js';
import { writeStdout } from './io.js';
import { hexId, integerField, listMembers, memberFormats, stringField, type Member, type MemberFormat } from './member.js';

interface Endpoint {
  readonly url: string;
  readonly member: Member;
}

interface EtcdctlAnswer {
  readonly stdout: string;
  readonly stderr: string;
  readonly failed: boolean;
}

function endpointsOf(members: readonly Member[]): Endpoint[] {
  return members.flatMap((member) => member.clientUrls.map((url) => ({ url, member })));
}

/**
 * Runs an `endpoint` subcommand against every member's endpoints (`--cluster`: etcdctl asks the member list
 * itself, and no `--endpoints` flag is needed, which etcdctl refuses next to an ETCDCTL_ENDPOINTS environment as
 * OpenShift sets). etcdctl exits non-zero when one endpoint fails but still prints the others; stdout is taken
 * as it streams, so once etcdctl has answered the connection does not retry the whole command on another member.
 */
async function askEndpoints(connection: EtcdConnection, endpoints: readonly Endpoint[], args: string[], signal: AbortSignal): Promise<EtcdctlAnswer> {
  if (endpoints.length === 0) throw new UserError('the etcd cluster lists no member with a client URL', ExitCode.error);
  const chunks: Buffer[] = [];
  const argv = ['endpoint', ...args, '--cluster', '-w', 'json'];
  const onStdout = (chunk: Buffer) => {
    chunks.push(chunk);
  };
  try {
    const { stderr } = await connection.etcdctl(argv, { signal, onStdout });
    return { stdout: Buffer.concat(chunks).toString('utf8'), stderr, failed: false };
  } catch (error) {
    if (!(error instanceof EtcdctlError)) throw error;
    return { stdout: Buffer.concat(chunks).toString('utf8') || error.stdout.toString('utf8'), stderr: error.stderr, failed: true };
  }
}

function jsonArray(text: string): JsonObject[] {
  if (text.trim() === '') return [];
  const parsed = parseJsonExact(text);
  return (Array.isArray(parsed) ? parsed : [parsed]).filter(isJsonObject);
}

function numberField(object: JsonValue | undefined, field: string): number {
  return Number(integerField(object, field));
}

/** What etcdctl said on stderr about one endpoint: `Failed to get the status of endpoint <url> (<why>)`. */
function stderrAbout(stderr: string, url: string): string | undefined {
  const line = stderr.split('\n').find((l) => l.includes(url) && !l.startsWith('{'));
  return line?.trim();
}

// ---- status ----

interface EndpointStatus {
  readonly endpoint: Endpoint;
  readonly status: JsonObject | undefined;
  readonly error: string | undefined;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '' : ` (${Math.round((100 * part) / whole)}%)`;
}

function statusTable(rows: readonly EndpointStatus[]): string {
  const table = new AlignedTable(['ENDPOINT', 'ID', 'NAME', 'VERSION', 'DB SIZE', 'IN USE', 'IS LEADER', 'IS LEARNER', 'RAFT TERM', 'RAFT INDEX', 'ERRORS']);
  for (const { endpoint, status, error } of rows) {
    const id = hexId(endpoint.member.id);
    const name = endpoint.member.name || '<none>';
    if (status === undefined) {
      table.add([endpoint.url, id, name, '-', '-', '-', '-', String(endpoint.member.isLearner), '-', '-', error ?? 'no answer']);
      continue;
    }
    const dbSize = numberField(status, 'dbSize');
    const inUse = numberField(status, 'dbSizeInUse');
    const errors = Array.isArray(status['errors']) ? status['errors'].filter((e) => typeof e === 'string').join('; ') : '';
    table.add([
      endpoint.url,
      id,
      name,
      stringField(status, 'version'),
      humanBytes(dbSize),
      inUse === 0 ? '<unknown>' : `${humanBytes(inUse)}${percent(inUse, dbSize)}`,
      String(integerField(status, 'leader') === endpoint.member.id),
      String(status['isLearner'] === true || endpoint.member.isLearner),
      String(numberField(status, 'raftTerm')),
      String(numberField(status, 'raftIndex')),
      errors || '<none>',
    ]);
  }
  return table.take();
}

function statusJson(rows: readonly EndpointStatus[]): string {
  return toKubectlJson({
    endpoints: rows.map(({ endpoint, status, error }) => ({
      endpoint: endpoint.url,
      id: hexId(endpoint.member.id),
      name: endpoint.member.name,
      ...(status === undefined
        ? { error: error ?? 'no answer' }
        : {
            version: stringField(status, 'version'),
            dbSize: numberField(status, 'dbSize'),
            dbSizeInUse: numberField(status, 'dbSizeInUse'),
            leader: hexId(integerField(status, 'leader')),
            isLeader: integerField(status, 'leader') === endpoint.member.id,
            isLearner: status['isLearner'] === true || endpoint.member.isLearner,
            raftTerm: numberField(status, 'raftTerm'),
            raftIndex: numberField(status, 'raftIndex'),
            raftAppliedIndex: numberField(status, 'raftAppliedIndex'),
            errors: Array.isArray(status['errors']) ? status['errors'] : [],
          }),
    })),
  });
}

async function endpointStatus(connection: EtcdConnection, signal: AbortSignal): Promise<EndpointStatus[]> {
  const endpoints = endpointsOf(await listMembers(connection, signal));
  const answer = await askEndpoints(connection, endpoints, ['status'], signal);
  const statuses = new Map(jsonArray(answer.stdout).map((entry) => [String(entry['Endpoint']), entry['Status']]));
  return endpoints.map((endpoint) => {
    const status = statuses.get(endpoint.url);
    return { endpoint, status: isJsonObject(status) ? status : undefined, error: stderrAbout(answer.stderr, endpoint.url) };
  });
}

// ---- health ----

interface EndpointHealth {
  readonly endpoint: Endpoint;
  readonly healthy: boolean;
  readonly took: string;
  readonly error: string | undefined;
}

async function endpointHealth(connection: EtcdConnection, signal: AbortSignal): Promise<EndpointHealth[]> {
  const endpoints = endpointsOf(await listMembers(connection, signal));
  const answer = await askEndpoints(connection, endpoints, ['health'], signal);
  const results = new Map(jsonArray(answer.stdout).map((entry) => [stringField(entry, 'endpoint'), entry]));
  return endpoints.map((endpoint) => {
    const result = results.get(endpoint.url);
    const error = stringField(result, 'error') || (result === undefined ? (stderrAbout(answer.stderr, endpoint.url) ?? 'no answer') : undefined);
    return { endpoint, healthy: result?.['health'] === true, took: stringField(result, 'took'), error };
  });
}

function healthTable(rows: readonly EndpointHealth[]): string {
  const table = new AlignedTable(['ENDPOINT', 'ID', 'NAME', 'HEALTH', 'TOOK', 'ERROR']);
  for (const row of rows) {
    table.add([row.endpoint.url, hexId(row.endpoint.member.id), row.endpoint.member.name || '<none>', String(row.healthy), row.took || '-', row.error ?? '<none>']);
  }
  return table.take();
}

function healthJson(rows: readonly EndpointHealth[]): string {
  return toKubectlJson({
    endpoints: rows.map((row) => ({
      endpoint: row.endpoint.url,
      id: hexId(row.endpoint.member.id),
      name: row.endpoint.member.name,
      health: row.healthy,
      took: row.took,
      ...(row.error === undefined ? {} : { error: row.error }),
    })),
  });
}

// ---- commands ----

interface EndpointArgs extends ClusterArgs {
  output: MemberFormat;
}

function endpointSubcommand<Row>(
  name: string,
  describe: string,
  read: (connection: EtcdConnection, signal: AbortSignal) => Promise<Row[]>,
  print: Record<MemberFormat, (rows: readonly Row[]) => string>,
  failing: (row: Row) => boolean,
  failure: string,
): CommandModule<object, EndpointArgs> {
  return {
    command: name,
    describe,
    builder: (yargs: Argv) => withClusterOptions(yargs
      .option('output', { alias: 'o', choices: memberFormats, default: 'table' as MemberFormat, describe: 'output format' })) as unknown as Argv<EndpointArgs>,
    handler: async (args) => {
      await withEtcd(args, async (connection, signal) => {
        const rows = await read(connection, signal);
        await writeStdout(print[args.output](rows));
        const failed = rows.filter(failing).length;
        if (failed > 0) throw new UserError(`${failed} of ${rows.length} endpoints ${failure}`, ExitCode.error);
      });
    },
  };
}

const statusCommand = endpointSubcommand('status', 'Status of every member: version, DB size and in use, leader, raft term and index',
  endpointStatus, { table: statusTable, json: statusJson }, (row) => row.status === undefined, 'did not answer');

const healthCommand = endpointSubcommand('health', 'Health of every member, the unhealthy ones with the reason',
  endpointHealth, { table: healthTable, json: healthJson }, (row) => !row.healthy, 'unhealthy');

export const endpointCommand: CommandModule<object, object> = {
  command: 'endpoint <command>',
  describe: 'Status and health of every etcd member',
  builder: (yargs: Argv) => yargs
    .command(statusCommand as CommandModule<object, never>)
    .command(healthCommand as CommandModule<object, never>)
    .demandCommand(1, 'name an endpoint command'),
  handler: () => undefined,
};
