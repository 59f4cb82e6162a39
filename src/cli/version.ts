/**
 * `kubectl etcd version`: the plugin's version and what runs it; then, unless --client, the version of the etcd
 * server in use and of the etcdctl in its pod, as the cluster reports them.
 */
import { isSea } from 'node:sea';
import type { Argv, CommandModule } from 'yargs';
import packageJson from '../../package.json' with { type: 'json' };
import { withClusterOptions, withEtcd, type ClusterArgs } from './cluster-options.js';
import { writeStdout } from './io.js';

interface VersionArgs extends ClusterArgs {
  client?: boolean;
}

export const pluginVersion = `v${packageJson.version}`;

/** `etcdctl version` prints `etcdctl version: 3.6.5` then `API version: 3.6`. */
export function etcdctlVersionOf(stdout: string): string | undefined {
  return /^etcdctl version:\s*(\S+)/m.exec(stdout)?.[1];
}

/** `etcdctl endpoint status -w json`: one `{Endpoint, Status: {version, ...}}` per endpoint asked. */
export function serverVersionOf(stdout: string): string | undefined {
  const statuses = JSON.parse(stdout) as Array<{ Status?: { version?: string } }>;
  return statuses[0]?.Status?.version;
}

function runtime(): string {
  return `Node.js ${process.version}, ${process.platform}/${process.arch}${isSea() ? ', single executable' : ''}`;
}

export const versionCommand: CommandModule<object, VersionArgs> = {
  command: 'version',
  describe: "Print the plugin's version, and the etcd and etcdctl versions in the etcd pod",
  builder: (yargs: Argv) => withClusterOptions(yargs
    .option('client', { type: 'boolean', describe: "only the plugin's version: do not reach the cluster" })
    .example('kubectl etcd version', 'plugin, etcd server and etcdctl versions')
    .example('kubectl etcd version --client', "the plugin's version alone")) as Argv<VersionArgs>,
  handler: async (args) => {
    await writeStdout(`kubectl-etcd: ${pluginVersion} (${runtime()})\n`);
    if (args.client === true) return;
    const lines = await withEtcd(args, async (connection, signal) => {
      const [status, etcdctl] = await Promise.all([
        connection.etcdctl(['endpoint', 'status', '-w', 'json'], { signal }),
        connection.etcdctl(['version'], { signal }),
      ]);
      return [
        `etcd server: ${serverVersionOf(status.stdout.toString('utf8')) ?? 'unknown'} (${connection.description})`,
        `etcdctl: ${etcdctlVersionOf(etcdctl.stdout.toString('utf8')) ?? 'unknown'}`,
      ];
    });
    await writeStdout(`${lines.join('\n')}\n`);
  },
};
