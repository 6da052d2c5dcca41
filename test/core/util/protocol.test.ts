import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeProtocol, protocolNumber } from '../../../lambdas/core/util/protocol';

describe('protocolNumber', () => {
  it.each([
    ['tcp', '6'],
    ['udp', '17'],
    ['icmp', '1'],
    ['icmpv6', '58'],
    ['-1', '-1'],
    ['47', '47'],
    ['0', '0'],
  ])('gives %s the number %s that NACL and SDK calls use', (protocol, expected) => {
    // Prepare
    const asked = protocol;

    // Act
    const number = protocolNumber(asked);

    // Assess
    expect(number).toBe(expected);
  });

  it('is the inverse of normalizeProtocol for every protocol number 0-255 and all traffic', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constant(-1)), (value) => {
        // Prepare
        const protocol = normalizeProtocol(value)!;

        // Act
        const number = protocolNumber(protocol);

        // Assess
        expect(number).toBe(String(value));
        expect(normalizeProtocol(number)).toBe(protocol);
      }),
      { numRuns: 300 },
    );
  });
});
