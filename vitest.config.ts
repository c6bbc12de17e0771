import { defineConfig } from 'vitest/config';

// Pure domain tests (import only src/domain) and feature tests that need no database (test/features: the
// document kit) run under several TZ values in CI; integration tests get a PostgreSQL server from the global
// setup and a fresh database per file; browser tests drive Chromium.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores on these machines: more workers only contend with PostgreSQL.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'domain',
          include: ['test/domain/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'features',
          include: ['test/features/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/domain/**', 'test/features/**', 'test/e2e/**'],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // Real browser journeys (playwright-core driving Debian's /usr/bin/chromium); skipped without it.
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
