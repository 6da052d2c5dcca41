import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../lambdas/core/events/parse';
import { dig, editedFixture } from './fixtures';

type Json = Record<string, unknown>;

describe('a malformed resource id makes the event invalid at its path', () => {
  it.each<[string, string, (record: Json) => void, string, string]>([
    [
      'a group id in upper case',
      'authorize-ingress-mixed-peers.json',
      (r) => {
        dig(r, 'requestParameters').groupId = 'SG-0NGINX456';
      },
      '$.requestParameters.groupId',
      'expected a security group id like sg-0123456789abcdef0, got "SG-0NGINX456"',
    ],
    [
      'a peer group id with a trailing space',
      'authorize-ingress-mixed-peers.json',
      (r) => {
        dig(r, 'requestParameters', 'ipPermissions', 'items', 1, 'groups', 'items', 0).groupId = 'sg-0monitor321 ';
      },
      '$.requestParameters.ipPermissions.items[1].groups.items[0].groupId',
      'expected a security group id like sg-0123456789abcdef0, got "sg-0monitor321 "',
    ],
    [
      'a prefix list id of another kind',
      'authorize-ingress-mixed-peers.json',
      (r) => {
        dig(r, 'requestParameters', 'ipPermissions', 'items', 0, 'prefixListIds', 'items', 0).prefixListId = 'sg-0cloudfront';
      },
      '$.requestParameters.ipPermissions.items[0].prefixListIds.items[0].prefixListId',
      'expected a prefix list id like pl-0123456789abcdef0, got "sg-0cloudfront"',
    ],
    [
      'a NACL id without a body',
      'nacl-entry-create.json',
      (r) => {
        dig(r, 'requestParameters').networkAclId = 'acl-';
      },
      '$.requestParameters.networkAclId',
      'expected a network acl id like acl-0123456789abcdef0, got "acl-"',
    ],
    [
      'an ENI id with a slash',
      'attach-eni.json',
      (r) => {
        dig(r, 'requestParameters').networkInterfaceId = 'eni-0web1/0';
      },
      '$.requestParameters.networkInterfaceId',
      'expected a network interface id like eni-0123456789abcdef0, got "eni-0web1/0"',
    ],
  ])('%s', (_name, fixture, edit, path, reason) => {
    // Prepare
    const doc = editedFixture(fixture, edit);

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({ status: 'invalid', path, reason });
  });
});
