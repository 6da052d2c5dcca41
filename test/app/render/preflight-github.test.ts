import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { escapeProperty, renderPreflightGithub } from '../../../lambdas/app/render/preflight-github';
import { judged } from '../../core/plan/plan-builders';
import { loadExamples } from '../../support/examples';

let model: NetworkModel;
let config: GuardianConfig;

beforeAll(async () => {
  ({ model, config } = await loadExamples());
});

const plan = (name: string) => JSON.parse(readFileSync(`examples/plans/${name}.json`, 'utf8'));

describe('preflight GitHub annotations', () => {
  it('prints one ::error line per finding, titled with the rule and the address, newlines escaped', () => {
    // Prepare
    const report = judged(plan('05-ssh-open-to-world'), model, config);

    // Act
    const lines = renderPreflightGithub(report).split('\n');

    // Assess
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^::error title=SG-EXPOSURE-ADMIN aws_security_group_rule\.backend_ssh::Remote administration port/,
    );
    expect(lines[0]).toContain('%0A');
  });

  it('puts file and line on the annotation when the resource can be located', () => {
    // Prepare
    const report = judged(plan('02-open-8080-to-world'), model, config);

    // Act
    const text = renderPreflightGithub(report, () => ({ file: 'infra/main.tf', line: 7 }));

    // Assess
    expect(text).toMatch(/^::error file=infra\/main\.tf,line=7,title=SG-EXPOSURE-INTERNAL-APP /);
  });

  it('warns for parts that cannot be judged and notices transient findings', () => {
    // Prepare
    const unknown = judged(plan('07-new-group-unknown-id'), model, config);
    const transient = judged(plan('08-move-rule-out-of-inline-block'), model, config);

    // Act
    const lines = [renderPreflightGithub(unknown), renderPreflightGithub(transient)];

    // Assess
    expect(lines[0]).toBe(
      '::warning title=cannot judge aws_network_interface_sg_attachment.bastion_on_backend1.security_group_id::security_group_id is known only after apply',
    );
    expect(lines[1]).toMatch(/^::notice title=SG-DEPENDENCY-BROKEN aws_security_group\.backend::/);
  });

  it('escapes the characters that end a property', () => {
    // Act
    const escaped = escapeProperty('a:b,c%d\ne');

    // Assess
    expect(escaped).toBe('a%3Ab%2Cc%25d%0Ae');
  });
});
