import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../lambdas/core/model/build-model';
import { SnapshotError } from '../../../lambdas/core/model/snapshot-error';
import { at, smallSnapshotDocs } from './fixture-docs';

type Docs = ReturnType<typeof smallSnapshotDocs>;

function messageOf(docs: Docs): string {
  try {
    buildModel(docs);
  } catch (error) {
    if (error instanceof SnapshotError) return error.message;
    throw error;
  }
  throw new Error('expected a SnapshotError');
}

describe('a snapshot with a malformed CIDR or resource id is an input error naming file and field', () => {
  it.each<[string, (docs: Docs) => void, string]>([
    [
      'an empty prefix (used to read as 0.0.0.0/0)',
      (d) => {
        at(d.securityGroups.json, 'SecurityGroups', 0, 'IpPermissions', 0, 'IpRanges', 0).CidrIp = '10.0.0.0/';
      },
      'describe-security-groups.json: SecurityGroups[0].IpPermissions[0].IpRanges[0].CidrIp: not a CIDR: "10.0.0.0/"',
    ],
    [
      'a negative zero prefix in a rule',
      (d) => {
        at(d.securityGroupRules.json, 'SecurityGroupRules', 0).CidrIpv4 = '10.0.0.0/-0';
      },
      'describe-security-group-rules.json: SecurityGroupRules[0].CidrIpv4: not a CIDR: "10.0.0.0/-0"',
    ],
    [
      'an IPv6 CIDR where IPv4 belongs',
      (d) => {
        at(d.securityGroups.json, 'SecurityGroups', 0, 'IpPermissions', 0, 'IpRanges', 0).CidrIp = '::/0';
      },
      'describe-security-groups.json: SecurityGroups[0].IpPermissions[0].IpRanges[0].CidrIp: expected an IPv4 CIDR, got "::/0"',
    ],
    [
      'a NACL entry with whitespace',
      (d) => {
        at(d.networkAcls.json, 'NetworkAcls', 0, 'Entries', 0).CidrBlock = '0.0.0.0/0 ';
      },
      'describe-network-acls.json: NetworkAcls[0].Entries[0].CidrBlock: not a CIDR: "0.0.0.0/0 "',
    ],
    [
      'a group id with another prefix',
      (d) => {
        at(d.securityGroups.json, 'SecurityGroups', 0).GroupId = 'sgx-0web';
      },
      'describe-security-groups.json: SecurityGroups[0].GroupId: a security group id like sg-0123456789abcdef0',
    ],
    [
      'an ENI id in upper case',
      (d) => {
        at(d.networkInterfaces.json, 'NetworkInterfaces', 0).NetworkInterfaceId = 'ENI-0WEB1';
      },
      'describe-network-interfaces.json: NetworkInterfaces[0].NetworkInterfaceId: a network interface id like eni-0123456789abcdef0',
    ],
    [
      'a rule id with a space',
      (d) => {
        at(d.securityGroupRules.json, 'SecurityGroupRules', 0).SecurityGroupRuleId = 'sgr-0web 443';
      },
      'describe-security-group-rules.json: SecurityGroupRules[0].SecurityGroupRuleId: a security group rule id like sgr-0123456789abcdef0',
    ],
  ])('%s', (_name, edit, expected) => {
    // Prepare
    const docs = smallSnapshotDocs();
    edit(docs);

    // Act
    const message = messageOf(docs);

    // Assess
    expect(message).toBe(expected);
  });
});
