import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../lambdas/core/events/parse';
import { changeOf, dig, editedFixture, loadFixture } from './fixtures';

describe('ModifySecurityGroupRules', () => {
  it('reads a single PascalCase SecurityGroupRule object as one update', () => {
    // Act
    const change = changeOf(loadFixture('modify-sg-rules.eventbridge.json'));

    // Assess
    expect(change).toEqual({
      kind: 'sg-rules-modified',
      groupId: 'sg-0backend123',
      updates: [
        {
          ruleId: 'sgr-0a1b2c3d4e5f60001',
          rule: {
            protocol: 'tcp',
            fromPort: 8080,
            toPort: 8080,
            peer: { kind: 'cidr', cidr: '0.0.0.0/0' },
            description: 'temporary debug',
          },
        },
      ],
    });
  });

  it('reads an array of tagged updates with SG and IPv6 peers', () => {
    // Act
    const change = changeOf(loadFixture('modify-sg-rules-multiple.json'));

    // Assess
    expect(change).toEqual({
      kind: 'sg-rules-modified',
      groupId: 'sg-0backend123',
      updates: [
        {
          ruleId: 'sgr-0a1b2c3d4e5f60001',
          rule: {
            protocol: 'tcp',
            fromPort: 8080,
            toPort: 8081,
            peer: { kind: 'sg', groupId: 'sg-0nginx456' },
            description: 'nginx to backend api',
          },
        },
        {
          ruleId: 'sgr-0a1b2c3d4e5f60071',
          rule: {
            protocol: 'udp',
            fromPort: 5000,
            toPort: 5000,
            peer: { kind: 'cidr', cidr: '2001:db8::/32' },
          },
        },
      ],
    });
  });

  it('reads a prefix-list peer', () => {
    // Prepare
    const doc = editedFixture('modify-sg-rules.eventbridge.json', (r) => {
      const rule = dig(
        r,
        'requestParameters',
        'ModifySecurityGroupRulesRequest',
        'SecurityGroupRule',
        'SecurityGroupRule',
      );
      delete rule.CidrIpv4;
      rule.PrefixListId = 'pl-0cloudfront789';
    });

    // Act
    const change = changeOf(doc);

    // Assess
    expect(change).toMatchObject({
      updates: [{ rule: { peer: { kind: 'prefix-list', prefixListId: 'pl-0cloudfront789' } } }],
    });
  });

  it.each([
    [
      'two peers in one rule',
      (rule: Record<string, unknown>) => {
        rule.CidrIpv6 = '::/0';
      },
      '$.detail.requestParameters.ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRule',
      'expected exactly one of CidrIpv4, CidrIpv6, PrefixListId, ReferencedGroupId, found 2',
    ],
    [
      'an IPv6 CIDR in CidrIpv4',
      (rule: Record<string, unknown>) => {
        rule.CidrIpv4 = '::/0';
      },
      '$.detail.requestParameters.ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRule.CidrIpv4',
      'expected an IPv4 CIDR, got "::/0"',
    ],
    [
      'a port out of range',
      (rule: Record<string, unknown>) => {
        rule.ToPort = 70000;
      },
      '$.detail.requestParameters.ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRule.ToPort',
      '70000 is out of range 0..65535',
    ],
  ])('is invalid for %s', (_, edit, path, reason) => {
    // Prepare
    const doc = editedFixture('modify-sg-rules.eventbridge.json', (r) =>
      edit(
        dig(
          r,
          'requestParameters',
          'ModifySecurityGroupRulesRequest',
          'SecurityGroupRule',
          'SecurityGroupRule',
        ),
      ),
    );

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({ status: 'invalid', path, reason });
  });

  it('is invalid without the ModifySecurityGroupRulesRequest wrapper', () => {
    // Prepare
    const doc = editedFixture('modify-sg-rules-multiple.json', (r) => {
      r.requestParameters = { GroupId: 'sg-0backend123' };
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'invalid',
      path: '$.requestParameters.ModifySecurityGroupRulesRequest',
      reason: 'missing ModifySecurityGroupRulesRequest object',
    });
  });

  it('is invalid when an array entry lacks its rule id, pointing at that entry', () => {
    // Prepare
    const doc = editedFixture('modify-sg-rules-multiple.json', (r) => {
      delete dig(r, 'requestParameters', 'ModifySecurityGroupRulesRequest', 'SecurityGroupRule', 1)
        .SecurityGroupRuleId;
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'invalid',
      path: '$.requestParameters.ModifySecurityGroupRulesRequest.SecurityGroupRule[1].SecurityGroupRuleId',
      reason: 'missing',
    });
  });
});
