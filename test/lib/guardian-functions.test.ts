import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { parseConfigJson } from '../../lambdas/core/config/validate-config';
import { readSettings } from '../../lambdas/handlers/settings';
import { ESM_REQUIRE_BANNER } from '../../lib/bundling/handler-bundle';
import { CONFIG_FILE, synthGuardian } from './guardian-fixture';

describe('SecurityGroupGuardian functions (bundled with local esbuild)', () => {
  let synth: ReturnType<typeof synthGuardian>;
  const id = (construct: { node: { defaultChild?: unknown } }) =>
    synth.stack.getLogicalId(construct.node.defaultChild as never);
  const fn = (name: 'evaluator' | 'sweeper') =>
    synth.template.findResources('AWS::Lambda::Function')[id(synth.guardian[name])];
  const assetFile = (name: 'evaluator' | 'sweeper', file: string) =>
    join(synth.app.outdir, fn(name)?.Metadata['aws:asset:path'], file);

  beforeAll(() => {
    synth = synthGuardian({}, { bundle: true });
  }, 60_000);

  afterAll(() => {
    rmSync(synth.app.outdir, { recursive: true, force: true });
  });

  it('runs the evaluator on Node.js 22, ARM, 512 MB, 60 s, with active tracing', () => {
    // Act
    const props = fn('evaluator')?.Properties;

    // Assess
    expect(props).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 60,
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
    });
    expect(props.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('runs the sweep on Node.js 22, ARM, 512 MB, for up to 5 minutes', () => {
    // Act
    const props = fn('sweeper')?.Properties;

    // Assess
    expect(props).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 300,
      Handler: 'index.handler',
    });
  });

  it('configures the evaluator through the environment variables settings.ts reads', () => {
    // Prepare
    const { tables, notifications, role } = synth.guardian;

    // Act
    const env = fn('evaluator')?.Properties.Environment.Variables;

    // Assess
    expect(env).toEqual({
      SG_GUARDIAN_CONFIG: 'guardian.json',
      SG_GUARDIAN_MODE: 'dry-run',
      SG_GUARDIAN_STATE_TABLE: { Ref: id(tables.state) },
      SG_GUARDIAN_AUDIT_TABLE: { Ref: id(tables.audit) },
      SG_GUARDIAN_IDEMPOTENCY_TABLE: { Ref: id(tables.idempotency) },
      SG_GUARDIAN_AUDIT_TTL_DAYS: '365',
      SG_GUARDIAN_TOPIC_ARN: { Ref: id(notifications.topic) },
      SG_GUARDIAN_ROLE_ARN: { 'Fn::GetAtt': [id(role), 'Arn'] },
      SG_GUARDIAN_REGIONS: 'eu-west-1',
      POWERTOOLS_SERVICE_NAME: 'sg-guardian',
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('gives the sweep the same settings under its own service name', () => {
    // Act
    const evaluator = fn('evaluator')?.Properties.Environment.Variables;
    const sweep = fn('sweeper')?.Properties.Environment.Variables;

    // Assess
    expect(sweep).toEqual({ ...evaluator, POWERTOOLS_SERVICE_NAME: 'sg-guardian-sweep' });
  });

  it('sets only variables the handlers accept', () => {
    // Prepare: deployed values in place of the CloudFormation references
    const env = fn('evaluator')?.Properties.Environment.Variables as Record<string, unknown>;
    const deployed = Object.fromEntries(
      Object.entries(env).map(([k, v]) => [k, typeof v === 'string' ? v : `arn:aws:deployed:${k}`]),
    );

    // Act
    const settings = readSettings(deployed);

    // Assess
    expect(settings).toMatchObject({
      SG_GUARDIAN_MODE: 'dry-run',
      SG_GUARDIAN_AUDIT_TTL_DAYS: 365,
      SG_GUARDIAN_REGIONS: ['eu-west-1'],
    });
    expect(Object.keys(env).filter((k) => k.startsWith('SG_GUARDIAN_') && !(k in settings))).toEqual([]);
  });

  it.each(['evaluator', 'sweeper'] as const)('bundles the %s as ESM with the require banner', (name) => {
    // Act
    const code = readFileSync(assetFile(name, 'index.mjs'), 'utf8');

    // Assess
    expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
    expect(code).toMatch(/export\s*\{[^}]*\bas handler\s*\}/);
    expect(statSync(assetFile(name, 'index.mjs.map')).size).toBeGreaterThan(0);
  });

  it.each(['evaluator', 'sweeper'] as const)('bundles the pinned AWS SDK into the %s', (name) => {
    // Prepare
    const staticImport = /(?:^|;)import\s*(?:\{[^}]*\}|\*\s*as\s*[\w$]+|[\w$]+)\s*from\s*["']([^"']+)["']/gm;
    const sdkRequire = /[\w$]+\(\s*["']@aws-sdk\/(?:client|lib)-[\w-]+["']\)/g;

    // Act
    const code = readFileSync(assetFile(name, 'index.mjs'), 'utf8');
    const imported = [...code.matchAll(staticImport)].map((m) => m[1]);

    // Assess
    expect(imported).toContain('module');
    expect(imported.filter((i) => i !== 'module' && !i?.startsWith('node:'))).toEqual([]);
    expect(code.match(sdkRequire)).toBeNull();
    expect(code).toContain('DescribeSecurityGroups');
    // Under 1 MB with the tree-shaking plugin and no YAML parser (BENCHMARKS.md, Bundle).
    expect(code.length).toBeLessThan(1_000_000);
  });

  it.each(['evaluator', 'sweeper'] as const)('writes the validated policy beside the %s bundle as JSON', (name) => {
    // Prepare
    const expected = parseConfig(readFileSync(CONFIG_FILE, 'utf8'), CONFIG_FILE);

    // Act
    const bundled = readFileSync(assetFile(name, 'guardian.json'), 'utf8');

    // Assess
    expect(parseConfigJson(bundled, 'guardian.json')).toEqual(expected);
  });

  it.each(['evaluator', 'sweeper'] as const)('leaves the YAML parser out of the %s bundle', (name) => {
    // Act
    const code = readFileSync(assetFile(name, 'index.mjs'), 'utf8');

    // Assess: strings only the yaml package has (its error codes and tags)
    expect(code).not.toContain('tag:yaml.org,2002:');
    expect(code).not.toContain('BLOCK_AS_IMPLICIT_KEY');
  });

  it.each(['evaluator', 'sweeper'] as const)(
    'loads the bundled %s and its guardian.json in plain Node',
    (name) => {
      // Prepare: what Lambda provides — the asset as working directory, the function's variables
      const env = {
        PATH: process.env.PATH,
        AWS_REGION: 'eu-west-1',
        SG_GUARDIAN_CONFIG: 'guardian.json',
        SG_GUARDIAN_STATE_TABLE: 'state',
        SG_GUARDIAN_AUDIT_TABLE: 'audit',
        SG_GUARDIAN_IDEMPOTENCY_TABLE: 'idempotency',
      };
      const script = "const m = await import('./index.mjs'); process.stdout.write(typeof m.handler);";

      // Act
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: dirname(assetFile(name, 'index.mjs')),
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });

      // Assess
      expect(out).toBe('function');
    },
  );
});
