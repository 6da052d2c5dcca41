import { describe, expect, it } from 'vitest';
import { describeChange } from '../../../lambdas/app/render/describe-change';
import type { Change } from '../../../lambdas/core/events/types';

describe('describeChange', () => {
  it('shows a rule revoked by id with what it allowed, when the response lists it', () => {
    // Prepare
    const change: Change = {
      kind: 'sg-rules-removed',
      groupId: 'sg-0cache321',
      direction: 'ingress',
      rules: [],
      ruleIds: ['sgr-0cachei00', 'sgr-0unknown1'],
      revoked: [
        { ruleId: 'sgr-0cachei00', protocol: 'tcp', fromPort: 6379, toPort: 6379, peer: { kind: 'sg', groupId: 'sg-0cache321' } },
      ],
    };

    // Act
    const text = describeChange(change);

    // Assess
    expect(text).toBe('sg-0cache321: removed ingress sgr-0cachei00 (tcp/6379 from sg-0cache321); sgr-0unknown1');
  });
});
