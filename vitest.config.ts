import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (engine, app, adapters, handlers, CLI) and `cdk` (synthesis and bundling, seconds
 * per test). `npm test` runs both; `npm run test:unit` / `test:cdk` run one.
 *
 * `isolate: false`: a worker imports the SDK, zod, aws-cdk-lib and the engine once and runs many files
 * on them, instead of importing them again for every file (with isolation, imports were three quarters
 * of the suite's time). Tests that need fresh modules (the handlers' cold start) say so with
 * vi.resetModules(); env stubs and SDK mocks are restored by the tests that make them.
 */
export default defineConfig({
  test: {
    // Generous: CDK synthesis and bundling take seconds on 2 idle cores and several times that when the
    // machine is busy; a timeout there is load, not a failure. Speed is measured in BENCHMARKS.md.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'forks',
    isolate: false,
    // The SDK's Node 20 notice (its releases after January 2027 need Node 22) printed once per test file.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          // test/emulator needs a running moto: `npm run test:emulator` (vitest.emulator.config.ts) runs it.
          exclude: [...configDefaults.exclude, 'test/emulator/**', 'test/lib/**'],
        },
      },
      { extends: true, test: { name: 'cdk', include: ['test/lib/**/*.test.ts'] } },
    ],
  },
});
