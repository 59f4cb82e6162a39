import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Suites that start real etcd members share ports and CPU: keep files sequential on 2-core machines.
    fileParallelism: false,
  },
});
