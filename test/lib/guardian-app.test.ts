import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../lambdas/core/config/errors';
import { GuardianPropsError } from '../../lib/errors';
import { buildGuardianApp, EXAMPLE_CONFIG_FILE } from '../../lib/guardian-app';

const INVALID_CONFIG = `dependencies:
  - name: nginx-to-backend
    from: { groupId: sg-0nginx456 }
    to: { groupId: sg-0backend1 }
    protocol: tcpp
    port: 8080
`;

/** An app as `cdk synth` makes it, minus bundling (the template is the same). */
function app(context: Record<string, unknown>, validation = false) {
  return new App({
    builtinCloudFormationValidation: validation,
    context: { 'aws:cdk:bundling-stacks': [], ...context },
  });
}

describe('buildGuardianApp', () => {
  let dir: string;
  let invalid: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-guardian-app-'));
    invalid = join(dir, 'invalid.yaml');
    writeFileSync(invalid, INVALID_CONFIG);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails on an invalid config with a ConfigError naming the file, the path and the line', () => {
    // Act
    const act = () => buildGuardianApp(app({ config: invalid }));

    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(`${invalid}:5: dependencies[0].protocol: expected one of`);
  });

  it('fails on a config file that does not exist rather than deploying another policy', () => {
    // Act
    const act = () => buildGuardianApp(app({ config: join(dir, 'missing.yaml') }));

    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(/missing\.yaml: invalid configuration[\s\S]*cannot read file/);
  });

  it('rejects a mode other than enforce or dry-run', () => {
    // Act
    const act = () => buildGuardianApp(app({ config: 'examples/guardian.yaml', mode: 'on' }));

    // Assess
    expect(act).toThrow(GuardianPropsError);
    expect(act).toThrow('context mode must be enforce or dry-run, got "on"');
  });

  it('deploys the example policy with a warning when guardian.yaml is absent', () => {
    // Prepare
    const cdkApp = app({ config: 'guardian.yaml' });

    // Act
    const stack = buildGuardianApp(cdkApp, { cwd: dir });

    // Assess
    expect(stack.guardian.configFile).toBe(EXAMPLE_CONFIG_FILE);
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('guardian.yaml not found.*example'));
  });

  it('reads mode, Slack and email subscribers from the context', () => {
    // Prepare
    const cdkApp = app({
      config: 'examples/guardian.yaml',
      mode: 'enforce',
      slackSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:slack-AbCdEf',
      slackChannel: 'C0123456',
      emailSubscribers: 'secops@example.com, netops@example.com',
    });

    // Act
    const stack = buildGuardianApp(cdkApp);
    const template = Template.fromStack(stack);

    // Assess
    expect(stack.guardian.configFile).toBe(EXAMPLE_CONFIG_FILE);
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ SG_GUARDIAN_MODE: 'enforce', SG_GUARDIAN_SLACK_CHANNEL: 'C0123456' }),
      },
    });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  it("passes CDK's built-in CloudFormation validation without findings", () => {
    // Prepare
    const cdkApp = app({ config: 'examples/guardian.yaml' }, true);
    buildGuardianApp(cdkApp);

    // Act
    const assembly = cdkApp.synth();
    const report = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'));

    // Assess
    expect(report.pluginReports.flatMap((r: { violations?: unknown[] }) => r.violations ?? [])).toEqual([]);
    expect(assembly.getStackByName('SgGuardian').messages.filter((m) => m.level !== 'info')).toEqual([]);
  }, 60_000);
});

describe('bin/app.ts', () => {
  it('exits 1 with the ConfigError message when the config is invalid', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'sg-guardian-bin-'));
    const file = join(dir, 'invalid.yaml');
    writeFileSync(file, INVALID_CONFIG);

    // Act
    const run = spawnSync('node_modules/.bin/tsx', ['bin/app.ts'], {
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ config: file }), CDK_OUTDIR: dir },
      encoding: 'utf8',
    });
    rmSync(dir, { recursive: true, force: true });

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`ConfigError: ${file}: invalid configuration`);
    expect(run.stderr).toContain(`${file}:5: dependencies[0].protocol: expected one of`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
