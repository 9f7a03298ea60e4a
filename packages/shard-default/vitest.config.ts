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
  },
});
