import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/emulator needs a running moto: `npm run test:emulator` (vitest.emulator.config.ts) runs it.
    exclude: [...configDefaults.exclude, 'test/emulator/**'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
