import { defineConfig } from 'vitest/config';

// TIO_RELIABILITY_LONG=1 runs the full-size variants (slower; outside CI). CI runs the scaled ones.
const long = process.env['TIO_RELIABILITY_LONG'] === '1';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every scenario measures time against a mock sharing its event loop; one file at a time keeps another file's
    // work from stretching the figures (and from squeezing paced logins/JOINs into one mock window).
    fileParallelism: false,
    pool: 'forks',
    poolOptions: {
      // The resources scenario calls global.gc() to compare heap with its baseline.
      forks: { execArgv: ['--expose-gc'] },
    },
    testTimeout: long ? 600_000 : 60_000,
    hookTimeout: 30_000,
    reporters: ['default', './support/ReliabilityReporter.ts'],
  },
});
