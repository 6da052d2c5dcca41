import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../lambdas/core/events/parse';
import { changeOf, dig, editedFixture, loadFixture } from './fixtures';

describe('NACL entries and associations', () => {
  it("reads a created tcp entry with its port range ('6' -> tcp)", () => {
    // Act
    const change = changeOf(loadFixture('nacl-entry-create.json'));

    // Assess
    expect(change).toEqual({
      kind: 'nacl-entry-created',
      naclId: 'acl-0private0001',
      entry: {
        ruleNumber: 110,
        egress: false,
        protocol: 'tcp',
        action: 'allow',
        cidr: '10.0.1.0/24',
        portRange: { from: 1024, to: 65535 },
      },
    });
  });

  it('reads a replaced icmp entry with its type and code, ignoring the empty portRange', () => {
    // Act
    const change = changeOf(loadFixture('nacl-entry-replace.eventbridge.json'));

    // Assess
    expect(change).toEqual({
      kind: 'nacl-entry-replaced',
      naclId: 'acl-0private0001',
      entry: {
        ruleNumber: 200,
        egress: true,
        protocol: 'icmp',
        action: 'deny',
        cidr: '0.0.0.0/0',
        icmpTypeCode: { type: 8, code: -1 },
      },
    });
  });

  it('reads an all-protocol IPv6 entry from a log file without ports', () => {
    // Act
    const events = parseDocument(loadFixture('cloudtrail-log-file.json'));

    // Assess
    expect(events[2]?.status === 'parsed' && events[2].change).toEqual({
      kind: 'nacl-entry-created',
      naclId: 'acl-0public00002',
      entry: { ruleNumber: 100, egress: true, protocol: '-1', action: 'allow', cidr: '::/0' },
    });
  });

  it('reads a deleted entry', () => {
    // Act
    const change = changeOf(loadFixture('nacl-entry-delete.json'));

    // Assess
    expect(change).toEqual({
      kind: 'nacl-entry-deleted',
      naclId: 'acl-0private0001',
      ruleNumber: 120,
      egress: true,
    });
  });

  it('reads a replaced association with the new association id', () => {
    // Act
    const change = changeOf(loadFixture('nacl-association-replace.eventbridge.json'));

    // Assess
    expect(change).toEqual({
      kind: 'nacl-association-replaced',
      associationId: 'aclassoc-0subnetapp01',
      naclId: 'acl-0private0001',
      newAssociationId: 'aclassoc-0subnetapp02',
    });
  });

  it('omits newAssociationId when the response does not carry one', () => {
    // Prepare
    const doc = editedFixture('nacl-association-replace.eventbridge.json', (r) => {
      r.responseElements = null;
    });

    // Act
    const change = changeOf(doc);

    // Assess
    expect(change).toEqual({
      kind: 'nacl-association-replaced',
      associationId: 'aclassoc-0subnetapp01',
      naclId: 'acl-0private0001',
    });
  });

  it.each<[string, (request: Record<string, unknown>) => void, string, string]>([
    [
      'a tcp entry without port range',
      (q) => {
        q.portRange = {};
      },
      '$.requestParameters.portRange.from',
      'missing',
    ],
    [
      'a rule number of 0',
      (q) => {
        q.ruleNumber = 0;
      },
      '$.requestParameters.ruleNumber',
      '0 is out of range 1..32766',
    ],
    [
      'an unknown rule action',
      (q) => {
        q.ruleAction = 'permit';
      },
      '$.requestParameters.ruleAction',
      'expected allow or deny, got "permit"',
    ],
    [
      'both an IPv4 and an IPv6 block',
      (q) => {
        q.ipv6CidrBlock = '::/0';
      },
      '$.requestParameters.ipv6CidrBlock',
      'cidrBlock and ipv6CidrBlock are both set',
    ],
    [
      'an egress flag that is a string',
      (q) => {
        q.egress = 'false';
      },
      '$.requestParameters.egress',
      'expected true or false, got "false"',
    ],
    [
      'a protocol that is not one',
      (q) => {
        q.aclProtocol = 'tcpx';
      },
      '$.requestParameters.aclProtocol',
      'not a protocol: "tcpx"',
    ],
  ])('is invalid for %s', (_, edit, path, reason) => {
    // Prepare
    const doc = editedFixture('nacl-entry-create.json', (r) => edit(dig(r, 'requestParameters')));

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({ status: 'invalid', path, reason });
  });
});
