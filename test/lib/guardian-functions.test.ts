import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatedAtSynth } from '../../lambdas/adapters/files/bundled-config';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { parseConfigJson } from '../../lambdas/core/config/validate-config';
import { readSettings } from '../../lambdas/handlers/settings';
import { ESM_REQUIRE_BANNER, HANDLER_CHUNK_DIR } from '../../lib/bundling/handler-bundle';
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
    const sdkRequire = /[\w$]+\(\s*["']@aws-sdk\/(?:client|lib)-[\w-]+["']\)/g;

    // Act: what Node loads at init, following the static imports from index.mjs
    const loaded = loadedAtInit(assetFile(name, 'index.mjs'));
    const code = [...loaded.values()].join('\n');
    const outside = [...loaded.keys()].flatMap((file) =>
      staticImports(loaded.get(file) ?? '').filter((i) => i !== 'module' && !i.startsWith('node:') && !isOwnChunk(i)),
    );

    // Assess: only Node built-ins and the bundle's own chunks, no require of the SDK
    expect(staticImports(loaded.get(assetFile(name, 'index.mjs')) ?? '')).toContain('module');
    expect(outside).toEqual([]);
    expect(code.match(sdkRequire)).toBeNull();
    expect(code).toContain('DescribeSecurityGroups');
    // Under 1 MB loaded at init, with the tree-shaking plugin and no YAML parser (BENCHMARKS.md, Bundle).
    expect(code.length).toBeLessThan(1_000_000);
  });

  it.each(['evaluator', 'sweeper'] as const)('keeps every chunk the %s imports inside its asset', (name) => {
    // Prepare
    const dir = dirname(assetFile(name, 'index.mjs'));
    const files = [join(dir, 'index.mjs'), ...readdirSync(join(dir, HANDLER_CHUNK_DIR)).map((f) => join(dir, HANDLER_CHUNK_DIR, f))];

    // Act: every import of every file, static or dynamic
    const imports = files
      .filter((f) => f.endsWith('.mjs'))
      .flatMap((f) => allImports(readFileSync(f, 'utf8')).map((specifier) => ({ from: f, specifier })));
    const chunks = imports.filter((i) => isOwnChunk(i.specifier)).map((i) => resolve(dirname(i.from), i.specifier));

    // Assess: Node built-ins, or a chunk file inside the asset
    expect(chunks.length).toBeGreaterThan(0);
    expect(imports.filter((i) => !isOwnChunk(i.specifier) && i.specifier !== 'module' && !i.specifier.startsWith('node:'))).toEqual([]);
    for (const chunk of chunks) {
      expect(chunk.startsWith(`${dir}/`)).toBe(true);
      expect(existsSync(chunk)).toBe(true);
    }
  });

  it.each(['evaluator', 'sweeper'] as const)('writes the validated policy beside the %s bundle as JSON', (name) => {
    // Prepare
    const expected = parseConfig(readFileSync(CONFIG_FILE, 'utf8'), CONFIG_FILE);

    // Act
    const bundled = readFileSync(assetFile(name, 'guardian.json'), 'utf8');

    // Assess
    expect(parseConfigJson(bundled, 'guardian.json')).toEqual(expected);
  });

  it.each(['evaluator', 'sweeper'] as const)('stamps the %s policy as validated at synth', (name) => {
    // Prepare
    const path = assetFile(name, 'guardian.json');

    // Act
    const stamped = validatedAtSynth(path, readFileSync(path, 'utf8'));

    // Assess: the handler reads it without validating it again (lambdas/adapters/files/bundled-config.ts)
    expect(stamped).toBe(true);
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

/** Modules a minified ESM file imports statically (`import … from "x"`, `import "x"`). */
function staticImports(code: string): string[] {
  const pattern = /(?:^|[;}])\s*import\s*(?:(?:\{[^}]*\}|\*\s*as\s*[\w$]+|[\w$]+)(?:\s*,\s*\{[^}]*\})?\s*from\s*)?["']([^"']+)["']/gm;
  return [...code.matchAll(pattern)].flatMap((m) => (m[1] ? [m[1]] : []));
}

/** Static imports and dynamic `import("x")` of string literals. */
function allImports(code: string): string[] {
  return [...staticImports(code), ...[...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].flatMap((m) => (m[1] ? [m[1]] : []))];
}

/** A relative import of one of the bundle's own chunks (./chunks/x.mjs from index.mjs, ./x.mjs between chunks). */
function isOwnChunk(specifier: string): boolean {
  return /^\.\/(?:chunks\/)?[\w.-]+\.mjs$/.test(specifier);
}

/** index.mjs and the files it imports statically, transitively: file -> code. */
function loadedAtInit(index: string): Map<string, string> {
  const loaded = new Map<string, string>();
  const visit = (file: string): void => {
    if (loaded.has(file)) return;
    const code = readFileSync(file, 'utf8');
    loaded.set(file, code);
    for (const i of staticImports(code)) if (isOwnChunk(i)) visit(resolve(dirname(file), i));
  };
  visit(index);
  return loaded;
}
