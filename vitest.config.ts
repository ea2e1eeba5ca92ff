import { defineConfig } from 'vitest/config'

/**
 * Four tiers, run in this order by `npm test`:
 * - unit: beside the code, pure and fast;
 * - integration: the server on PGlite and PostgreSQL, the CLI as a process;
 * - hostile: every route of the OpenAPI document against every principal and every bad input;
 * - e2e: the started demo, driven by Debian's chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // two files at a time: most of a file's time is spent waiting on child processes and
          // PostgreSQL, and each file has its own databases, data directories and free ports
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'hostile',
          include: ['tests/hostile/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // a page that loads several lists may take more than the default second on a busy machine
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
})
