import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/emulator needs a running moto: `npm run test:emulator` (vitest.emulator.config.ts) runs it.
    exclude: [...configDefaults.exclude, 'test/emulator/**'],
    // Generous: CDK synthesis and bundling take seconds on 2 idle cores and several times that when the
    // machine is busy; a timeout there is load, not a failure. Speed is measured in BENCHMARKS.md.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'forks',
  },
});
