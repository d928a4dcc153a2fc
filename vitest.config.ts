import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Loggers are built when handler modules load, so the level must be set before any import.
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_REGION: 'eu-west-1' },
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/results.json' }]] : ['default'],
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: ['tests/integration/**/*.property.test.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          // Files run side by side on two cores against one DynamoDB Local: a test that takes 3 s alone took
          // over 30 s in CI, so the limit catches hangs, not slowness.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Property tests put thousands of concurrent writes on DynamoDB Local: they run after everything else,
        // against a DynamoDB Local of their own, so no other file's timing depends on them.
        test: {
          name: 'properties',
          include: ['tests/integration/**/*.property.test.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 900_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 2 },
        },
      },
      { test: { name: 'infra', include: ['tests/infra/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 } },
      {
        // Each browser file starts a seeded app with its own DynamoDB Local and a Chromium: on a 2-core machine they
        // run after the unit, integration and infra projects, not beside them, so start-up times stay predictable.
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
