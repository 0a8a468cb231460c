import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration suites share one Samba DC and one sshd: files run in parallel, but on 2 cores
    // more than two workers only adds contention.
    maxWorkers: 2,
  },
});
