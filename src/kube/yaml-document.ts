/**
 * The YAML parser, behind a module of our own: kubeconfig.ts imports this on demand (JSON kubeconfigs never load
 * it), and a static named import is what the bundler maps correctly onto the parser's CommonJS build.
 */
export { parse as parseYaml } from 'yaml';
