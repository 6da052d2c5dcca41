import { describe, expect, it } from 'vitest';
import { isCanonicalId, isResourceId, resourceIdSchema } from '../../../lambdas/core/util/resource-ids';

describe('resource ids', () => {
  it.each([
    ['security-group', 'sg-0123456789abcdef0'],
    ['security-group', 'sg-903004f8'],
    ['security-group-rule', 'sgr-0a1b2c3d4e5f60012'],
    ['eni-attachment', 'eni-attach-0123456789abcdef0'],
    ['nacl-association', 'aclassoc-e5b95c8c'],
    ['prefix-list', 'pl-63a5400a'],
    ['instance', 'i-1234567890abcdef0'],
  ] as const)('accepts the AWS form of a %s id: %s', (kind, value) => {
    expect([isResourceId(kind, value), isCanonicalId(kind, value)]).toEqual([true, true]);
  });

  it('admits the readable ids of the examples, which are not canonical', () => {
    expect([isResourceId('security-group', 'sg-0backend123'), isCanonicalId('security-group', 'sg-0backend123')]).toEqual(
      [true, false],
    );
  });

  it.each([
    ['security-group', 'sgr-0123456789abcdef0', 'another prefix'],
    ['security-group', 'SG-0123456789ABCDEF0', 'upper case'],
    ['security-group', 'sg-', 'an empty body'],
    ['security-group', 'sg-0123456789abcdef01', 'an 18-character body'],
    ['security-group', 'sg-0123 4567', 'a space'],
    ['security-group', ' sg-01234567', 'a leading space'],
    ['network-interface', 'eni-attach-01234567', 'an attachment id for an ENI id'],
    ['instance', 'i-0123/0', 'a slash'],
  ] as const)('refuses a %s id %j (%s)', (kind, value, _why) => {
    expect(isResourceId(kind, value)).toBe(false);
  });

  it('gives zod a message naming the expected form', () => {
    // Act
    const result = resourceIdSchema('vpc').safeParse('VPC-1');

    // Assess
    expect(result.success ? undefined : result.error.issues[0]?.message).toBe('a vpc id like vpc-0123456789abcdef0');
  });
});
