import { describe, expect, it } from 'vitest';
import { EXPOSURE_RULES, RULE_CHECKS } from '../../../lambdas/core/rules/catalog';
import { RULE_REGISTRY } from '../../../lambdas/core/rules/registry';

describe('rule registry', () => {
  it('has unique ids, each with logic', () => {
    // Prepare
    const ids = RULE_REGISTRY.map((r) => r.id);
    // Act
    const withoutLogic = ids.filter((id) => !(id in RULE_CHECKS));
    // Assess
    expect(new Set(ids).size).toBe(ids.length);
    expect(withoutLogic).toEqual([]);
    expect(EXPOSURE_RULES.map((r) => r.id)).toEqual(ids);
  });

  it('reports egress only through the world-egress kind', () => {
    // Prepare
    const kinds = Object.fromEntries(RULE_REGISTRY.map((r) => [r.id, r.kind]));
    // Act
    const egressRules = Object.entries(kinds).filter(([, kind]) => kind === 'world-egress');
    // Assess
    expect(egressRules).toEqual([['SG-EGRESS-WORLD', 'world-egress']]);
  });
});
