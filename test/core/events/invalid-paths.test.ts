import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../lambdas/core/events/parse';
import { dig, loadFixture, recordOf } from './fixtures';

type Json = Record<string, unknown>;

/** The mixed-peers authorize inside a log file, edited, so paths start at $.Records[0]. */
function logFileWith(edit: (request: Json, record: Json) => void): unknown {
  const record = recordOf(loadFixture('authorize-ingress-mixed-peers.json'));
  edit(dig(record, 'requestParameters'), record);
  return { Records: [record] };
}

const PERMISSION = '$.Records[0].requestParameters.ipPermissions.items';

describe('invalid authorize records point at the bad field from the document root', () => {
  it.each<[string, (request: Json, record: Json) => void, string, string]>([
    [
      'a bad CIDR in the second permission',
      (q) => {
        dig(q, 'ipPermissions', 'items', 1).ipRanges = { items: [{ cidrIp: '10.0.0.300/8' }] };
      },
      `${PERMISSION}[1].ipRanges.items[0].cidrIp`,
      'not a valid CIDR: "10.0.0.300/8"',
    ],
    [
      'an IPv6 range in ipRanges',
      (q) => {
        dig(q, 'ipPermissions', 'items', 0, 'ipRanges', 'items', 0).cidrIp = '::/0';
      },
      `${PERMISSION}[0].ipRanges.items[0].cidrIp`,
      'expected an IPv4 CIDR, got "::/0"',
    ],
    [
      'a port above 65535',
      (q) => {
        dig(q, 'ipPermissions', 'items', 1).toPort = 91000;
      },
      `${PERMISSION}[1].toPort`,
      '91000 is out of range 0..65535',
    ],
    [
      'a reversed port range',
      (q) => {
        dig(q, 'ipPermissions', 'items', 1).fromPort = 9200;
      },
      `${PERMISSION}[1].toPort`,
      'port range is reversed: from 9200 is greater than to 9100',
    ],
    [
      'a port that is not an integer',
      (q) => {
        dig(q, 'ipPermissions', 'items', 0).fromPort = 'https';
      },
      `${PERMISSION}[0].fromPort`,
      'expected an integer, got "https"',
    ],
    [
      'a tcp permission without ports',
      (q) => {
        delete dig(q, 'ipPermissions', 'items', 0).fromPort;
      },
      `${PERMISSION}[0].fromPort`,
      'missing',
    ],
    [
      'an unknown protocol',
      (q) => {
        dig(q, 'ipPermissions', 'items', 0).ipProtocol = 'tcp/udp';
      },
      `${PERMISSION}[0].ipProtocol`,
      'not a protocol: "tcp/udp"',
    ],
    [
      'a missing groupId and groupName',
      (q) => {
        delete q.groupId;
      },
      '$.Records[0].requestParameters.groupId',
      'missing (and no groupName either)',
    ],
    [
      'a groupId of the wrong type',
      (q) => {
        q.groupId = ['sg-1'];
      },
      '$.Records[0].requestParameters.groupId',
      'expected a non-empty string, got an array',
    ],
    [
      'ipPermissions that is a string',
      (q) => {
        q.ipPermissions = 'tcp:443';
      },
      '$.Records[0].requestParameters.ipPermissions',
      'expected a list ({ items: [...] }), got "tcp:443"',
    ],
    [
      'an items key that is not an array',
      (q) => {
        dig(q, 'ipPermissions', 'items', 1).groups = { items: { groupId: 'sg-1' } };
      },
      `${PERMISSION}[1].groups.items`,
      'expected an array, got an object',
    ],
    [
      'a group reference without id or name',
      (q) => {
        dig(q, 'ipPermissions', 'items', 1).groups = { items: [{ userId: '123456789012' }] };
      },
      `${PERMISSION}[1].groups.items[0].groupId`,
      'group reference has neither groupId nor groupName',
    ],
    [
      'a permission without any peer',
      (q) => {
        dig(q, 'ipPermissions', 'items', 1).groups = {};
      },
      `${PERMISSION}[1]`,
      'permission names no peer (groups, ipRanges, ipv6Ranges or prefixListIds)',
    ],
    [
      'a prefix list entry without id',
      (q) => {
        dig(q, 'ipPermissions', 'items', 0, 'prefixListIds', 'items', 0).prefixListId = '';
      },
      `${PERMISSION}[0].prefixListIds.items[0].prefixListId`,
      'expected a non-empty string, got ""',
    ],
    [
      'no permission at all',
      (q) => {
        q.ipPermissions = {};
      },
      '$.Records[0].requestParameters.ipPermissions',
      'the call names no permission',
    ],
    [
      'a malformed rule in the response',
      (_, r) => {
        dig(r, 'responseElements', 'securityGroupRuleSet', 'items', 2).cidrIpv6 = 'nope';
      },
      '$.Records[0].responseElements.securityGroupRuleSet.items[2].cidrIpv6',
      'not a valid CIDR: "nope"',
    ],
  ])('%s', (_, edit, path, reason) => {
    // Prepare
    const doc = logFileWith(edit);

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'invalid',
      path,
      reason,
      meta: { eventName: 'AuthorizeSecurityGroupIngress' },
    });
  });
});
