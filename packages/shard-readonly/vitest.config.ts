import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    // A test that waits on a socket must fail fast instead of hanging CI.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // The end-to-end files check rate limits and timings against a mock that shares the test's event loop; running
    // files one at a time keeps another file's work from delaying the mock and squeezing paced JOINs into one window.
    fileParallelism: false,
  },
});
