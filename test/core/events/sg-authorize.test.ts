import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../lambdas/core/events/parse';
import { changeOf, dig, editedFixture, loadFixture } from './fixtures';

describe('AuthorizeSecurityGroupIngress/Egress', () => {
  it('adds an SG-to-SG rule with the id and description the call gave it', () => {
    // Act
    const change = changeOf(loadFixture('authorize-ingress-sg-ref.eventbridge.json'));

    // Assess
    expect(change).toEqual({
      kind: 'sg-rules-added',
      groupId: 'sg-0backend123',
      direction: 'ingress',
      rules: [
        {
          protocol: 'tcp',
          fromPort: 8080,
          toPort: 8080,
          peer: { kind: 'sg', groupId: 'sg-0nginx456' },
          description: 'nginx to backend api',
          ruleId: 'sgr-0a1b2c3d4e5f60001',
        },
      ],
    });
  });

  it('expands a permission into one rule per peer (IPv4, IPv6, prefix list, SG) and matches ids by content', () => {
    // Act
    const change = changeOf(loadFixture('authorize-ingress-mixed-peers.json'));

    // Assess
    const https = { protocol: 'tcp', fromPort: 443, toPort: 443 };
    expect(change).toEqual({
      kind: 'sg-rules-added',
      groupId: 'sg-0nginx456',
      direction: 'ingress',
      rules: [
        {
          ...https,
          peer: { kind: 'cidr', cidr: '10.20.0.0/16' },
          description: 'office vpn',
          ruleId: 'sgr-0a1b2c3d4e5f60011',
        },
        {
          ...https,
          peer: { kind: 'cidr', cidr: '::/0' },
          description: 'public https v6',
          ruleId: 'sgr-0a1b2c3d4e5f60012',
        },
        {
          ...https,
          peer: { kind: 'prefix-list', prefixListId: 'pl-0cloudfront789' },
          description: 'cloudfront origin',
          ruleId: 'sgr-0a1b2c3d4e5f60013',
        },
        {
          protocol: 'tcp',
          fromPort: 9000,
          toPort: 9100,
          peer: { kind: 'sg', groupId: 'sg-0monitor321', userId: '123456789012' },
          ruleId: 'sgr-0a1b2c3d4e5f60014',
        },
      ],
    });
  });

  it('reads an all-traffic egress rule (-1 without ports) as -1/-1', () => {
    // Act
    const change = changeOf(loadFixture('authorize-egress-all-traffic.json'));

    // Assess
    expect(change).toEqual({
      kind: 'sg-rules-added',
      groupId: 'sg-0backend123',
      direction: 'egress',
      rules: [
        {
          protocol: '-1',
          fromPort: -1,
          toPort: -1,
          peer: { kind: 'cidr', cidr: '0.0.0.0/0' },
          ruleId: 'sgr-0a1b2c3d4e5f60021',
        },
      ],
    });
  });

  it("normalises the numeric protocol '6' to tcp and still matches the response's 'tcp' rule", () => {
    // Act
    const change = changeOf(loadFixture('authorize-ingress-numeric-protocol.json'));

    // Assess
    expect(change).toEqual({
      kind: 'sg-rules-added',
      groupId: 'sg-0backend123',
      direction: 'ingress',
      rules: [
        {
          protocol: 'tcp',
          fromPort: 22,
          toPort: 22,
          peer: { kind: 'cidr', cidr: '203.0.113.0/24' },
          description: 'bastion',
          ruleId: 'sgr-0a1b2c3d4e5f60031',
        },
      ],
    });
  });

  it('resolves a default-VPC call made by group name, and a peer named by group name, from the response', () => {
    // Act
    const change = changeOf(loadFixture('authorize-ingress-default-vpc-groupname.json'));

    // Assess
    expect(change).toEqual({
      kind: 'sg-rules-added',
      groupId: 'sg-0legacyweb789',
      direction: 'ingress',
      rules: [
        {
          protocol: 'tcp',
          fromPort: 22,
          toPort: 22,
          peer: { kind: 'sg', groupId: 'sg-0legacyadm321', userId: '123456789012' },
          ruleId: 'sgr-0a1b2c3d4e5f60041',
        },
        {
          protocol: 'tcp',
          fromPort: 80,
          toPort: 80,
          peer: { kind: 'cidr', cidr: '0.0.0.0/0' },
          ruleId: 'sgr-0a1b2c3d4e5f60042',
        },
      ],
    });
  });

  it('reads the legacy flat form (empty ipPermissions, top-level ipProtocol/ports/cidrIp)', () => {
    // Act
    const change = changeOf(loadFixture('authorize-ingress-flat-form.json'));

    // Assess
    expect(change).toEqual({
      kind: 'sg-rules-added',
      groupId: 'sg-0backend123',
      direction: 'ingress',
      rules: [
        {
          protocol: 'tcp',
          fromPort: 22,
          toPort: 22,
          peer: { kind: 'cidr', cidr: '0.0.0.0/0' },
          ruleId: 'sgr-0a1b2c3d4e5f60051',
        },
      ],
    });
  });

  it('reads a flat-form source group by name and owner, resolved through the response', () => {
    // Prepare
    const doc = editedFixture('authorize-ingress-flat-form.json', (r) => {
      const request = dig(r, 'requestParameters');
      delete request.cidrIp;
      request.sourceSecurityGroupName = 'legacy-admin';
      request.sourceSecurityGroupOwnerId = '123456789012';
      const added = dig(r, 'responseElements', 'securityGroupRuleSet', 'items', 0);
      delete added.cidrIpv4;
      added.referencedGroupInfo = { userId: '123456789012', groupId: 'sg-0legacyadm321' };
    });

    // Act
    const change = changeOf(doc);

    // Assess
    expect(change).toMatchObject({
      rules: [
        {
          peer: { kind: 'sg', groupId: 'sg-0legacyadm321', userId: '123456789012' },
          ruleId: 'sgr-0a1b2c3d4e5f60051',
        },
      ],
    });
  });

  it('leaves ruleId out when the response lists no rule set (older events)', () => {
    // Prepare
    const doc = editedFixture('authorize-ingress-numeric-protocol.json', (r) => {
      r.responseElements = { requestId: 'r-1', _return: true };
    });

    // Act
    const change = changeOf(doc);

    // Assess
    expect(change).toEqual({
      kind: 'sg-rules-added',
      groupId: 'sg-0backend123',
      direction: 'ingress',
      rules: [
        {
          protocol: 'tcp',
          fromPort: 22,
          toPort: 22,
          peer: { kind: 'cidr', cidr: '203.0.113.0/24' },
          description: 'bastion',
        },
      ],
    });
  });

  it('reads ICMP type and code into fromPort/toPort, defaulting to -1', () => {
    // Prepare
    const doc = editedFixture('authorize-ingress-numeric-protocol.json', (r) => {
      const permission = dig(r, 'requestParameters', 'ipPermissions', 'items', 0);
      permission.ipProtocol = 'icmp';
      permission.fromPort = 8;
      delete permission.toPort;
      r.responseElements = null;
    });

    // Act
    const change = changeOf(doc);

    // Assess
    expect(change).toMatchObject({ rules: [{ protocol: 'icmp', fromPort: 8, toPort: -1 }] });
  });

  it('is invalid when a group-name-only call has no response naming the group id', () => {
    // Prepare
    const doc = editedFixture('authorize-ingress-default-vpc-groupname.json', (r) => {
      r.responseElements = { _return: true };
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'invalid',
      path: '$.requestParameters.groupId',
      reason:
        'missing: the call names group "legacy-web" only and the response lists no rule with its groupId',
    });
  });

  it('is invalid when a peer named by group name matches no rule in the response', () => {
    // Prepare
    const doc = editedFixture('authorize-ingress-default-vpc-groupname.json', (r) => {
      const items = dig(r, 'responseElements', 'securityGroupRuleSet', 'items') as unknown as unknown[];
      items.splice(0, 1);
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'invalid',
      path: '$.requestParameters.ipPermissions.items[0].groups.items[0].groupName',
      reason: 'group "legacy-admin" is named without a groupId and the response names no matching group',
    });
  });
});
