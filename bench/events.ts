import type { generateAccount } from './generate-account';
import { rng } from './random';

type Account = ReturnType<typeof generateAccount>;

/** CloudTrail records of the four kinds of change the engine sees most, in a fixed random mix. */
export function generateChanges(account: Account, count: number, seed = 7): Record<string, unknown>[] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const roll = r.next();
    if (roll < 0.4) {
      const dep = r.pick(account.dependencies);
      return record(i, 'RevokeSecurityGroupIngress', {
        groupId: dep.to,
        ipPermissions: {
          items: [
            permission(dep.port, { groups: { items: [{ groupId: dep.from, userId: '123456789012' }] } }),
          ],
        },
      });
    }
    if (roll < 0.7)
      return record(i, 'AuthorizeSecurityGroupIngress', {
        groupId: r.pick(account.groupIds),
        ipPermissions: {
          items: [
            permission(r.pick([22, 8080, 5432, 443]), { ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }),
          ],
        },
      });
    if (roll < 0.85)
      return record(i, 'ModifyNetworkInterfaceAttribute', {
        networkInterfaceId: r.pick(account.eniIds),
        groupSet: { items: [{ groupId: r.pick(account.groupIds) }] },
      });
    return record(i, 'ReplaceNetworkAclEntry', {
      networkAclId: `acl-${r.int(0, account.subnets - 1)}`,
      ruleNumber: 100,
      egress: r.next() < 0.5,
      ruleAction: 'deny',
      aclProtocol: '6',
      cidrBlock: '10.0.0.0/8',
      portRange: { from: 1, to: 65535 },
    });
  });
}

function permission(port: number, peers: Record<string, unknown>) {
  return {
    ipProtocol: 'tcp',
    fromPort: port,
    toPort: port,
    groups: {},
    ipRanges: {},
    ipv6Ranges: {},
    prefixListIds: {},
    ...peers,
  };
}

function record(i: number, eventName: string, requestParameters: Record<string, unknown>) {
  return {
    eventVersion: '1.10',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/bench', accountId: '123456789012' },
    eventTime: '2026-11-20T12:00:00Z',
    eventSource: 'ec2.amazonaws.com',
    eventName,
    awsRegion: 'eu-west-1',
    sourceIPAddress: '198.51.100.1',
    userAgent: 'aws-cli/2.27.41',
    requestParameters,
    responseElements: { _return: true },
    eventID: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    recipientAccountId: '123456789012',
  };
}
