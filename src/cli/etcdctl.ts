/**
 * `kubectl etcd etcdctl -- ARGS...`: any etcdctl command, run in the etcd pod with the endpoint and certificates
 * found there. Its stdout and stderr pass through untouched as they arrive, and its exit status becomes ours.
 */
import type { Argv, CommandModule } from 'yargs';
import { EtcdctlError } from '../kube/errors.js';
import { withClusterOptions, withEtcd, type ClusterArgs } from './cluster-options.js';
import { ExitCode, UserError } from './exit-codes.js';
import { readStdin, writeStdout } from './io.js';

interface EtcdctlArgs extends ClusterArgs {
  /** Everything after `--`, as typed: no number parsing, no flag parsing. */
  '--'?: string[];
  stdin?: boolean;
}

export const etcdctlCommand: CommandModule<object, EtcdctlArgs> = {
  command: 'etcdctl',
  describe: 'Run etcdctl in the etcd pod with its endpoint and certificates: kubectl etcd etcdctl [flags] -- ARGS...',
  builder: (yargs: Argv) => withClusterOptions(yargs
    .parserConfiguration({ 'populate--': true, 'parse-numbers': false, 'parse-positional-numbers': false })
    .option('stdin', { alias: 'i', type: 'boolean', describe: "pass this command's stdin to etcdctl (e.g. put KEY with the value on stdin)" })
    .example('kubectl etcd etcdctl -- endpoint status --cluster -w table', 'etcdctl as if run on the control plane')
    .example('kubectl etcd etcdctl -- get /registry/namespaces --prefix --keys-only', 'list keys')) as unknown as Argv<EtcdctlArgs>,
  handler: async (args) => {
    const argv = (args['--'] ?? []).map(String);
    if (argv.length === 0) throw new UserError('give the etcdctl arguments after --, e.g. kubectl etcd etcdctl -- member list', ExitCode.usage);
    const stdin = args.stdin === true ? await readStdin() : undefined;
    await withEtcd(args, async (connection, signal) => {
      try {
        await connection.etcdctl(argv, {
          signal,
          ...(stdin !== undefined ? { stdin } : {}),
          onStdout: (chunk) => writeStdout(chunk),
          onStderr: (chunk) => process.stderr.write(chunk),
        });
      } catch (error) {
        // etcdctl said why on its stderr, which has passed through: only its exit status is left to hand on.
        if (!(error instanceof EtcdctlError)) throw error;
        process.exitCode = error.etcdctlExitCode;
      }
    });
  },
};
