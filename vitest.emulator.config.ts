import { defineConfig } from 'vitest/config';

/**
 * The opt-in suite against moto, an AWS API emulator (`npm run test:emulator`, which starts and stops
 * it). One moto serves one request at a time and its state is global: the files run one after another.
 */
export default defineConfig({
  test: {
    include: ['test/emulator/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
