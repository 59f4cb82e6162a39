/**
 * One stand-in cluster per test suite: started before the suite's tests, stopped (processes ended, files removed)
 * after them, whether they passed or failed.
 */
import { afterAll, beforeAll } from 'vitest';
import { startCluster, type Cluster, type ClusterOptions } from './cluster.js';

/** Call at the top of a describe block; the returned getter gives the running cluster inside tests. */
export function useCluster(options: ClusterOptions): () => Cluster {
  let cluster: Cluster | undefined;
  beforeAll(async () => {
    cluster = await startCluster(options);
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  return () => {
    if (!cluster) throw new Error('the cluster is not running (did beforeAll fail?)');
    return cluster;
  };
}
