/**
 * Which command lines get early requests (src/kube/early-requests.ts), decided from the arguments alone: the
 * launcher asks this first and loads the early code, with Node's TLS stack, only when the answer is yes.
 */
import type { KubeconfigOptions } from './kubeconfig.js';

/** The commands whose first step is finding the etcd pods (snapshot, version and the offline ones are not). */
const CONNECTING_COMMANDS: ReadonlySet<string> = new Set(['get', 'ls', 'history', 'diff', 'compaction', 'stats', 'watch', 'member', 'endpoint', 'etcdctl', 'put', 'del']);

/** Flags after which discovery asks something else (or nothing): no early requests then. */
const OTHER_DISCOVERY = new Set(['--pod', '--etcd-namespace', '--snapshot', '--help', '-h']);

/**
 * The kubeconfig flags of a command line that starts with a connecting command and finds etcd the default way;
 * undefined otherwise. Only a guess to act early on: the CLI parses the line itself and uses the early answers only
 * for the access it resolves.
 */
export function earlyRequestOptions(args: readonly string[]): KubeconfigOptions | undefined {
  if (!CONNECTING_COMMANDS.has(args[0] ?? '')) return undefined;
  const options: { kubeconfig?: string; context?: string } = {};
  for (let index = 1; index < args.length; index++) {
    const arg = args[index] as string;
    if (arg === '--') break; // etcdctl's own arguments follow
    const equals = arg.indexOf('=');
    const flag = arg.startsWith('--') && equals > 0 ? arg.slice(0, equals) : arg;
    if (OTHER_DISCOVERY.has(flag)) return undefined;
    if (flag !== '--kubeconfig' && flag !== '--context') continue;
    const value = flag === arg ? args[++index] : arg.slice(equals + 1);
    if (value === undefined || value === '') return undefined;
    options[flag === '--kubeconfig' ? 'kubeconfig' : 'context'] = value;
  }
  return options;
}
