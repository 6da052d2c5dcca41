import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import type { PlanReport } from '../../../lambdas/core/plan/types';
import { toPreflightSarif } from '../../../lambdas/app/render/preflight-sarif';
import { judged, planOf } from '../../core/plan/plan-builders';
import { loadExamples } from '../../support/examples';

let model: NetworkModel;
let config: GuardianConfig;

beforeAll(async () => {
  ({ model, config } = await loadExamples());
});

/** The example plans merged into one: violations, a transient gap and a part that cannot be judged. */
function examplePlan(...names: string[]): unknown {
  const changes = names.flatMap(
    (n) => JSON.parse(readFileSync(`examples/plans/${n}.json`, 'utf8')).resource_changes,
  );
  return planOf(...changes);
}

function report(): PlanReport {
  return judged(
    examplePlan('05-ssh-open-to-world', '06-self-reference-removed', '07-new-group-unknown-id'),
    model,
    config,
  );
}

const LEVELS = new Set(['none', 'note', 'warning', 'error']);

describe('preflight SARIF', () => {
  it('is one SARIF 2.1.0 run whose results each name a declared rule, a level, a message and a location', () => {
    // Act
    const sarif = JSON.parse(JSON.stringify(toPreflightSarif(report(), { toolVersion: '0.1.0' })));

    // Assess
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const [run] = sarif.runs;
    const rules: {
      id: string; shortDescription: { text: string }; help: { text: string },
    }[] = run.tool.driver.rules;
    expect(run.tool.driver.name).toBe('sg-guardian');
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.help.text.length).toBeGreaterThan(0);
    }
    expect(run.results.length).toBeGreaterThan(0);
    for (const result of run.results) {
      expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(LEVELS.has(result.level)).toBe(true);
      expect(result.message.text.length).toBeGreaterThan(0);
      expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toMatch(/^aws_/);
    }
  });

  it('has a result per finding and per part that cannot be judged, attributed to the resource address', () => {
    // Act
    const { results } = toPreflightSarif(report(), { toolVersion: '0.1.0' }).runs[0]!;

    // Assess
    expect(results.map((r) => [r.ruleId, r.level, r.locations[0]?.logicalLocations[0]?.fullyQualifiedName])).toEqual([
      ['SG-DEPENDENCY-BROKEN', 'error', 'aws_security_group_rule.cache_peers'],
      ['SG-EXPOSURE-ADMIN', 'error', 'aws_security_group_rule.backend_ssh'],
      ['PLAN-CANNOT-JUDGE', 'warning', 'aws_network_interface_sg_attachment.bastion_on_backend1'],
    ]);
  });

  it('gives a transient finding the level note', () => {
    // Prepare
    const transient = judged(examplePlan('08-move-rule-out-of-inline-block'), model, config);

    // Act
    const { results } = toPreflightSarif(transient, { toolVersion: '0.1.0' }).runs[0]!;

    // Assess
    expect(results).toMatchObject([
      { ruleId: 'SG-DEPENDENCY-BROKEN', level: 'note', properties: { transient: true } },
    ]);
  });

  it('adds the declaration line as a physical location when the address can be located', () => {
    // Prepare
    const locate = (address: string) =>
      address === 'aws_security_group_rule.backend_ssh' ? { file: 'infra/sg.tf', line: 12 } : undefined;

    // Act
    const { results } = toPreflightSarif(report(), { toolVersion: '0.1.0', locate }).runs[0]!;

    // Assess
    const ssh = results.find((r) => r.ruleId === 'SG-EXPOSURE-ADMIN');
    expect(ssh?.locations[0]).toMatchObject({
      physicalLocation: { artifactLocation: { uri: 'infra/sg.tf' }, region: { startLine: 12 } },
    });
    expect(
      results.find((r) => r.ruleId === 'SG-DEPENDENCY-BROKEN')?.locations[0],
    ).not.toHaveProperty('physicalLocation');
  });

  it('ranks rules for code scanning with a security-severity', () => {
    // Act
    const rules = toPreflightSarif(report(), { toolVersion: '0.1.0' }).runs[0]!.tool.driver.rules;

    // Assess
    expect(rules.find((r) => r.id === 'SG-EXPOSURE-ADMIN')?.properties['security-severity']).toBe('9.5');
    expect(rules.every((r) => Number(r.properties['security-severity']) > 0)).toBe(true);
  });
});
