import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../lambdas/core/config/schema';

describe('exposure.world', () => {
  it('defaults to a /8 of IPv4 and a /32 of IPv6', () => {
    // Act
    const config = ConfigSchema.parse({});
    const partial = ConfigSchema.parse({ exposure: { world: { ipv4Prefix: 16 } } });
    // Assess
    expect(config.exposure.world).toEqual({ ipv4Prefix: 8, ipv6Prefix: 32 });
    expect(partial.exposure.world).toEqual({ ipv4Prefix: 16, ipv6Prefix: 32 });
  });

  it.each([
    [{ ipv4Prefix: 33 }],
    [{ ipv6Prefix: 129 }],
    [{ ipv4Prefix: -1 }],
    [{ ipv4Prefix: 8.5 }],
    [{ ipv4: 8 }],
  ])('rejects %j', (world) => {
    // Act
    const result = ConfigSchema.safeParse({ exposure: { world } });
    // Assess
    expect(result.success).toBe(false);
  });
});
