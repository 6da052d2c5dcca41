import { describe, expect, it } from 'vitest';
import { Interner, ipv4Text, packIpv4 } from '../../../lambdas/core/flowlogs/intern';

describe('packIpv4', () => {
  it.each(['10.0.1.10', '0.0.0.0', '255.255.255.255', '203.0.113.7', '172.31.255.1'])('packs %s and gives back the same text', (ip) => {
    // Act
    const packed = packIpv4(ip);
    // Assess
    expect(packed).toBeGreaterThanOrEqual(0);
    expect(ipv4Text(packed | 0)).toBe(ip);
  });

  it.each(['2001:db8::5', '10.0.1', '10.0.1.10.4', '10.0.01.10', '256.0.0.1', '10..1.1', '', '-', '10.0.1.x', '1.2.3.4 '])(
    'leaves %j as text (not a dotted quad as flow logs write one)',
    (text) => {
      // Act
      const packed = packIpv4(text);
      // Assess
      expect(packed).toBe(-1);
    },
  );
});

describe('Interner', () => {
  it('numbers strings in the order first met, and starts again after take', () => {
    // Prepare
    const interner = new Interner();
    const line = '2 123456789012 eni-0nginx1a 10.0.1.10';
    // Act
    const ids = [interner.id(line.slice(15, 27)), interner.id('vpc-1'), interner.id('vpc-1'), interner.id('eni-0nginx1a')];
    const taken = interner.take();
    const after = interner.id('vpc-1');
    // Assess
    expect(ids).toEqual([0, 1, 1, 0]);
    expect(taken).toEqual(['eni-0nginx1a', 'vpc-1']);
    expect(after).toBe(0);
  });
});
