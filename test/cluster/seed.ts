/** Seed sets: what the test cluster's etcd holds before the first test runs. */
import type { EtcdCluster } from './etcd.js';

export type SeedName = 'none' | 'fixtures' | 'demo' | `large:${number}`;

export interface SeedOptions {
  name: SeedName;
  /** Key prefix of the profile (`/registry`, `/kubernetes.io`). */
  prefix: string;
  encryptionConfigPath: string;
  createdAt: Date;
}

export interface SeedReport {
  /** Keys written, sorted. */
  keys: string[];
  milliseconds: number;
}

export async function seedCluster(_etcd: EtcdCluster, options: SeedOptions): Promise<SeedReport> {
  const started = Date.now();
  if (options.name !== 'none') throw new Error(`unknown seed ${options.name}`);
  return { keys: [], milliseconds: Date.now() - started };
}
