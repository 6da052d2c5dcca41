// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'core: no process.env' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'core: inject a Clock' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core: inject a Clock' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@aws-sdk/*', '@slack/*', '@aws-lambda-powertools/*'], message: 'lambdas/core stays pure' },
            { group: ['node:fs', 'node:fs/*', 'node:http', 'node:https', 'node:net', 'node:child_process'], message: 'core: no I/O' },
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
