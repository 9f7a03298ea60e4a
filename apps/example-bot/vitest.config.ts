import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The smoke tests join real sockets at demo speed: seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 20_000,
  },
});
