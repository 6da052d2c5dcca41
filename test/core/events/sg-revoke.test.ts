import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../lambdas/core/events/parse';
import { changeOf, dig, editedFixture, loadFixture } from './fixtures';

describe('RevokeSecurityGroupIngress/Egress', () => {
  it('revokes by rule ids and carries the content of the revoked rules', () => {
    // Act
    const change = changeOf(loadFixture('revoke-ingress-by-rule-ids.eventbridge.json'));

    // Assess
    expect(change).toEqual({
      kind: 'sg-rules-removed',
      groupId: 'sg-0backend123',
      direction: 'ingress',
      rules: [],
      ruleIds: ['sgr-0a1b2c3d4e5f60001', 'sgr-0a1b2c3d4e5f60031'],
      revoked: [
        {
          protocol: 'tcp',
          fromPort: 8080,
          toPort: 8080,
          peer: { kind: 'sg', groupId: 'sg-0nginx456' },
          description: 'nginx to backend api',
          ruleId: 'sgr-0a1b2c3d4e5f60001',
        },
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

  it('revokes by permissions and drops those the response says did not exist', () => {
    // Act
    const change = changeOf(loadFixture('revoke-egress-by-permissions.json'));

    // Assess
    expect(change).toEqual({
      kind: 'sg-rules-removed',
      groupId: 'sg-0backend123',
      direction: 'egress',
      rules: [{ protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'cidr', cidr: '0.0.0.0/0' } }],
      ruleIds: [],
      revoked: [
        {
          protocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          peer: { kind: 'cidr', cidr: '0.0.0.0/0' },
          ruleId: 'sgr-0a1b2c3d4e5f60061',
        },
      ],
    });
  });

  it('omits revoked when the response lists no revoked rules, and drops request descriptions', () => {
    // Prepare
    const doc = editedFixture('revoke-egress-by-permissions.json', (r) => {
      r.responseElements = { _return: true };
      dig(r, 'requestParameters', 'ipPermissions', 'items', 1, 'ipRanges', 'items', 0).description = 'dns';
    });

    // Act
    const change = changeOf(doc);

    // Assess
    expect(change).toEqual({
      kind: 'sg-rules-removed',
      groupId: 'sg-0backend123',
      direction: 'egress',
      rules: [
        { protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'cidr', cidr: '0.0.0.0/0' } },
        { protocol: 'udp', fromPort: 53, toPort: 53, peer: { kind: 'cidr', cidr: '10.0.0.2/32' } },
      ],
      ruleIds: [],
    });
  });

  it('keeps the request rules when the unknown set cannot be read', () => {
    // Prepare
    const doc = editedFixture('revoke-egress-by-permissions.json', (r) => {
      dig(r, 'responseElements').unknownIpPermissionSet = { items: [{ ipProtocol: 'bogus' }] };
    });

    // Act
    const change = changeOf(doc);

    // Assess
    expect(change.kind === 'sg-rules-removed' && change.rules).toHaveLength(2);
  });

  it('reads a revoke from lookup-events output', () => {
    // Prepare
    const doc = loadFixture('lookup-events.json');

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event?.status === 'parsed' && event.change).toEqual({
      kind: 'sg-rules-removed',
      groupId: 'sg-0nginx456',
      direction: 'ingress',
      rules: [],
      ruleIds: ['sgr-0a1b2c3d4e5f60012'],
      revoked: [
        {
          protocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          peer: { kind: 'cidr', cidr: '::/0' },
          description: 'public https v6',
          ruleId: 'sgr-0a1b2c3d4e5f60012',
        },
      ],
    });
  });

  it('is invalid when the call names neither permissions nor rule ids', () => {
    // Prepare
    const doc = editedFixture('revoke-ingress-by-rule-ids.eventbridge.json', (r) => {
      delete dig(r, 'requestParameters').securityGroupRuleIds;
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'invalid',
      path: '$.detail.requestParameters.ipPermissions',
      reason: 'the call names neither ipPermissions nor securityGroupRuleIds',
    });
  });

  it('is invalid when a rule id entry is not a string', () => {
    // Prepare
    const doc = editedFixture('revoke-ingress-by-rule-ids.eventbridge.json', (r) => {
      dig(r, 'requestParameters', 'securityGroupRuleIds', 'items', 1).securityGroupRuleId = 12;
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'invalid',
      path: '$.detail.requestParameters.securityGroupRuleIds.items[1].securityGroupRuleId',
      reason: 'expected a non-empty string, got 12',
    });
  });
});
