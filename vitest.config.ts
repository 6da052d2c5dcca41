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
    // The SDK's Node 20 notice (its releases after January 2027 need Node 22) printed once per test file.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
