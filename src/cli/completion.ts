/**
 * `kubectl etcd completion bash|zsh|fish|install`, and the hidden `__complete -- <words>` that every completion
 * script (and kubectl, through kubectl_complete-etcd) asks for candidates.
 */
import type { Argv, CommandModule } from 'yargs';
import { complete, formatCompletion, Directive } from './completion-engine.js';
import { completionScript, shells, type Shell } from './completion-scripts.js';
import { clusterValueSource } from './completion-sources.js';
import { rootSpec } from './completion-spec.js';
import { writeStdout } from './io.js';

const scriptCommands: CommandModule[] = shells.map((shell: Shell) => ({
  command: shell,
  describe: `Print the ${shell} completion script for the kubectl-etcd command`,
  handler: () => writeStdout(completionScript(shell)),
}));

interface InstallArgs {
  dir?: string;
}

const installCommand: CommandModule<object, InstallArgs> = {
  command: 'install',
  describe: 'Install kubectl_complete-etcd beside kubectl-etcd, so kubectl 1.26+ completes `kubectl etcd ...`',
  builder: (yargs: Argv) => yargs
    .option('dir', { type: 'string', describe: 'directory to write it to (default: that of the first kubectl-etcd on PATH)' }) as Argv<InstallArgs>,
  handler: async (args) => {
    const { install, installPlan } = await import('./completion-install.js');
    const plan = await installPlan(args.dir, process.env['PATH']);
    const outcome = await install(plan);
    await writeStdout(`${plan.path} ${outcome === 'installed' ? 'written' : 'already in place'}: kubectl completes \`kubectl etcd <TAB>\` (kubectl 1.26+, with kubectl's own completion loaded)\n`);
  },
};

export const completionCommand: CommandModule = {
  command: 'completion',
  describe: 'Shell completion: scripts for bash, zsh and fish, or kubectl_complete-etcd for kubectl 1.26+',
  builder: (yargs: Argv) => yargs
    .command([...scriptCommands, installCommand as CommandModule])
    .demandCommand(1, 'name a shell (bash, zsh, fish), or install')
    .example('kubectl etcd completion install', 'let kubectl complete `kubectl etcd ...` (kubectl 1.26+)')
    .example('source <(kubectl-etcd completion bash)', 'complete the kubectl-etcd command in bash')
    .example('kubectl-etcd completion fish | source', 'the same in fish'),
  handler: () => undefined,
};

interface CompleteArgs {
  '--'?: Array<string | number>;
}

/** Hidden: the words after `kubectl etcd`, the last one being completed; prints candidates as kubectl reads them. */
export const completeCommand: CommandModule<object, CompleteArgs> = {
  command: '__complete',
  describe: false,
  builder: (yargs: Argv) => yargs.parserConfiguration({ 'populate--': true, 'parse-numbers': false, 'parse-positional-numbers': false }) as Argv<CompleteArgs>,
  handler: async (args) => {
    const words = (args['--'] ?? []).map(String);
    const { loadCommands } = await import('./commands.js');
    const commands = await loadCommands();
    try {
      await writeStdout(formatCompletion(await complete(rootSpec(commands), words, clusterValueSource)));
    } catch {
      // A failing completion must not print into the user's command line: the shell just offers nothing.
      await writeStdout(`:${Directive.error}\n`);
    }
  },
};
