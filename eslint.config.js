// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const CORE_BANNED_BUILTINS = [
  'fs', 'fs/promises', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'dns/promises', 'child_process',
  'cluster', 'crypto', 'os', 'path', 'process', 'perf_hooks', 'timers', 'timers/promises', 'worker_threads',
  'stream', 'stream/promises', 'readline', 'url', 'util', 'vm', 'zlib', 'events', 'buffer', 'v8', 'async_hooks',
  'module', 'inspector', 'diagnostics_channel',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'cdk.out/', 'coverage/', '.demo/', '**/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@aws-sdk/*'], message: 'lambdas/core stays pure: no AWS SDK' }] },
      ],
    },
  },
  {
    files: ['lambdas/core/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process']", message: 'core: no process (env, argv, exit...)' },
        { selector: "MemberExpression[object.name='globalThis'][property.name='process']", message: 'core: no process' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'core: inject a Clock' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core: inject a Clock' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'core: no randomness' },
        { selector: "MemberExpression[object.name='performance']", message: 'core: no clock (performance)' },
        { selector: "CallExpression[callee.name='require']", message: 'core: no require' },
        { selector: 'ImportExpression', message: 'core: no dynamic import' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'core: no process' },
        { name: 'performance', message: 'core: no clock' },
        { name: 'fetch', message: 'core: no I/O' },
        { name: 'crypto', message: 'core: no crypto (pure, deterministic)' },
        { name: 'setTimeout', message: 'core: no timers' },
        { name: 'setInterval', message: 'core: no timers' },
      ],
      'no-restricted-imports': [
        'error',
        {
          // Node built-ins without the node: prefix (none is pure: I/O, clock, randomness, env).
          paths: CORE_BANNED_BUILTINS.map((name) => ({ name, message: 'core: no Node built-ins (I/O, clock, randomness, env)' })),
          patterns: [
            { group: ['@aws-sdk/*', '@slack/*', '@aws-lambda-powertools/*'], message: 'lambdas/core stays pure' },
            { group: ['node:*'], message: 'core: no Node built-ins (I/O, clock, randomness, env)' },
            { group: ['**/app/*', '**/adapters/**', '**/handlers/*'], message: 'core depends on nothing outside core' },
          ],
        },
      ],
    },
  },
  {
    // Dependencies point one way: handlers and the CLI -> app -> core; adapters implement app's ports.
    files: ['lambdas/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/adapters/**', '**/handlers/*'], message: 'app uses ports; adapters are chosen by handlers and the CLI' },
            { group: ['@aws-sdk/*', '@slack/*', '@aws-lambda-powertools/*'], message: 'app talks to AWS and Slack only through ports' },
          ],
        },
      ],
    },
  },
  {
    files: ['lambdas/**/*.ts', 'bin/**/*.ts', 'lib/**/*.ts'],
    ignores: ['lambdas/core/**', 'lambdas/app/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  { files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**'], rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-non-null-assertion': 'off' } },
);
