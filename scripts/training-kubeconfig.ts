/**
 * The kubeconfig the build's training runs (scripts/code-cache.ts, scripts/early-requests-code-cache.ts) point at:
 * one cluster, a token user (the build has no certificates to make), in kubectl's block style.
 */
export function trainingKubeconfig(server: string, options: { readonly insecureSkipTlsVerify?: boolean } = {}): string {
  return [
    'apiVersion: v1', 'kind: Config', 'current-context: training',
    'clusters:', '- name: training', '  cluster:', `    server: ${server}`, ...(options.insecureSkipTlsVerify ? ['    insecure-skip-tls-verify: true'] : []),
    'users:', '- name: training', '  user:', '    token: training',
    'contexts:', '- name: training', '  context:', '    cluster: training', '    user: training', '',
  ].join('\n');
}
