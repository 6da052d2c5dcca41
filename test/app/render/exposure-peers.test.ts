import { describe, expect, it } from 'vitest';
import { exposurePeersText } from '../../../lambdas/app/render/exposure-peers';
import type { Finding } from '../../../lambdas/core/verdict/types';

const base: Finding = {
  id: 'fnd-1',
  kind: 'world-exposure',
  ruleId: 'SG-EXPOSURE-ADMIN',
  severity: 'critical',
  title: 'Remote administration port open to the world: tcp 22 on sg-1 (bastion)',
  explanation: '',
};

describe('exposurePeersText', () => {
  it('joins the peers, the space and the rules that make up the exposure', () => {
    // Prepare
    const f: Finding = {
      ...base,
      peers: ['0.0.0.0/1', '128.0.0.0/1'],
      sources: [
        { peer: '0.0.0.0/1', ruleId: 'sgr-a' },
        { peer: '128.0.0.0/1', ruleId: 'sgr-b' },
      ],
      space: 'the whole IPv4 internet',
    };
    // Act
    const text = exposurePeersText(f);
    // Assess
    expect(text).toBe('0.0.0.0/1 + 128.0.0.0/1 = the whole IPv4 internet (rules sgr-a, sgr-b)');
  });

  it('falls back to the peers alone for findings without sources', () => {
    // Act
    const text = exposurePeersText({ ...base, peers: ['0.0.0.0/0'] });
    // Assess
    expect(text).toBe('0.0.0.0/0');
    expect(exposurePeersText(base)).toBeUndefined();
  });
});
