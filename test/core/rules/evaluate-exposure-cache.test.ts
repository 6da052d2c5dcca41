import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_THRESHOLD, type GuardianConfig } from '../../../lambdas/core/config/schema';
import { evaluateExposure } from '../../../lambdas/core/rules/evaluate-exposure';
import { stableId } from '../../../lambdas/core/util/hash';
import { cidrPeer, defaultEgress, group, ingress, prefixListPeer } from '../support/builders';
import { FakeModel } from '../support/fake-model';

const config = (exposure: Partial<GuardianConfig['exposure']> = {}): Pick<GuardianConfig, 'exposure'> => ({
  exposure: { allowPublic: [], reportEgress: false, world: DEFAULT_WORLD_THRESHOLD, ...exposure },
});

const web = group('sg-web', {
  name: 'web',
  rules: [ingress('tcp', 22, 22, prefixListPeer('pl-admins')), defaultEgress()],
});
const modelWith = (cidrs: string[]) =>
  new FakeModel({ groups: [web], prefixLists: [{ prefixListId: 'pl-admins', cidrs }] });

describe('evaluateExposure results reused per model and exposure config', () => {
  it('gives the same findings when a model is evaluated again', () => {
    // Prepare
    const model = modelWith(['0.0.0.0/0']);
    const first = evaluateExposure(model, config());

    // Act
    const second = evaluateExposure(model, config());

    // Assess
    expect(second).toEqual(first);
    expect(second.findings.map((f) => f.ruleId)).toEqual(['SG-EXPOSURE-ADMIN']);
  });

  it('evaluates again for another exposure config or another model sharing the group', () => {
    // Prepare
    const model = modelWith(['0.0.0.0/0']);
    evaluateExposure(model, config());

    // Act
    const withEgress = evaluateExposure(model, config({ reportEgress: true }));
    const narrowerList = evaluateExposure(modelWith(['203.0.113.0/24']), config());

    // Assess
    expect(withEgress.findings.map((f) => f.ruleId)).toEqual(['SG-EXPOSURE-ADMIN', 'SG-EGRESS-WORLD']);
    expect(narrowerList.findings).toEqual([]);
  });

  it('serialises each finding with its id first, hashed from the rule, group and traffic', () => {
    // Prepare
    const model = new FakeModel({ groups: [group('sg-ssh', { rules: [ingress('tcp', 22, 22, cidrPeer('0.0.0.0/0'))] })] });

    // Act
    const [finding] = evaluateExposure(model, config()).findings;
    const json = JSON.parse(JSON.stringify(finding)) as Record<string, unknown>;

    // Assess
    expect(Object.keys(json)[0]).toBe('id');
    expect(json.id).toBe(
      stableId('fnd', ['world-exposure', 'SG-EXPOSURE-ADMIN', 'sg-ssh', 'ingress', 'tcp', [{ from: 22, to: 22 }]]),
    );
    expect({ ...finding }.id).toBe(json.id);
  });
});
