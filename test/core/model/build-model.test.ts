import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../lambdas/core/model/build-model';
import { at, smallSnapshotDocs } from './fixture-docs';

describe('buildModel', () => {
  it('takes rules with their ids from describe-security-group-rules.json', () => {
    // Prepare
    const docs = smallSnapshotDocs();

    // Act
    const model = buildModel(docs);

    // Assess
    expect(model.coverage).toEqual({
      ruleIds: true,
      nacls: true,
      prefixLists: true,
      instances: true,
      launchTemplates: true,
    });
    expect(model.group('sg-0web')?.rules).toEqual([
      {
        protocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        peer: { kind: 'cidr', cidr: '0.0.0.0/0' },
        description: 'https',
        groupId: 'sg-0web',
        direction: 'ingress',
        ruleId: 'sgr-0web443v4',
      },
      {
        protocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        peer: { kind: 'cidr', cidr: '::/0' },
        groupId: 'sg-0web',
        direction: 'ingress',
        ruleId: 'sgr-0web443v6',
      },
      {
        protocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        peer: { kind: 'prefix-list', prefixListId: 'pl-0vpn' },
        description: 'vpn',
        groupId: 'sg-0web',
        direction: 'ingress',
        ruleId: 'sgr-0web22vpn',
      },
      {
        protocol: 'tcp',
        fromPort: 8080,
        toPort: 8080,
        peer: { kind: 'sg', groupId: 'sg-0app', userId: '111122223333' },
        description: 'to app',
        groupId: 'sg-0web',
        direction: 'egress',
        ruleId: 'sgr-0webtoapp',
      },
    ]);
    expect(model.ruleById('sgr-0appout')).toMatchObject({
      protocol: '-1',
      fromPort: -1,
      toPort: -1,
      direction: 'egress',
    });
  });

  it('expands IpPermissions into one rule per peer, without ids, when the rules file is absent', () => {
    // Prepare
    const { securityGroupRules: _, ...docs } = smallSnapshotDocs();

    // Act
    const model = buildModel(docs);

    // Assess
    expect(model.coverage.ruleIds).toBe(false);
    const web = model.group('sg-0web')!;
    expect(web.rules).toHaveLength(4);
    expect(web.rules.every((r) => r.ruleId === undefined)).toBe(true);
    expect(web.rules.map((r) => r.peer)).toEqual([
      { kind: 'cidr', cidr: '0.0.0.0/0' },
      { kind: 'cidr', cidr: '::/0' },
      { kind: 'prefix-list', prefixListId: 'pl-0vpn' },
      { kind: 'sg', groupId: 'sg-0app', userId: '111122223333' },
    ]);
    expect(model.group('sg-0app')?.rules.find((r) => r.direction === 'egress')).toMatchObject({
      protocol: '-1',
      fromPort: -1,
      toPort: -1,
    });
  });

  it('normalises protocols and CIDRs and gives protocol -1 ports -1 whatever the file says', () => {
    // Prepare
    const { securityGroupRules: _, ...docs } = smallSnapshotDocs();
    const perms = at(docs.securityGroups.json, 'SecurityGroups', 2, 'IpPermissions');
    perms.push({ IpProtocol: '6', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '10.0.3.7/24' }] });
    perms.push({
      IpProtocol: 'all',
      FromPort: 0,
      ToPort: 65535,
      Ipv6Ranges: [{ CidrIpv6: '2001:DB8:0:0::1/64' }],
    });

    // Act
    const rules = buildModel(docs).group('sg-0db')!.rules;

    // Assess
    expect(rules.map((r) => [r.protocol, r.fromPort, r.toPort, r.peer])).toEqual([
      ['tcp', 5432, 5432, { kind: 'cidr', cidr: '10.0.3.0/24' }],
      ['-1', -1, -1, { kind: 'cidr', cidr: '2001:db8::/64' }],
    ]);
  });

  it('reads ENIs with the primary address first, their groups and attachment', () => {
    // Prepare
    const docs = smallSnapshotDocs();

    // Act
    const model = buildModel(docs);

    // Assess
    expect(model.eni('eni-0web1')).toEqual({
      eniId: 'eni-0web1',
      subnetId: 'subnet-0pub',
      vpcId: 'vpc-0main',
      privateIps: ['10.0.1.10', '10.0.1.11'],
      ipv6Addresses: [],
      groupIds: ['sg-0web'],
      instanceId: 'i-0web1',
      deviceIndex: 0,
      description: 'web 1',
      interfaceType: 'interface',
      attachmentId: 'eni-attach-1',
    });
    expect(model.eni('eni-0app1')?.ipv6Addresses).toEqual(['2001:db8::10']);
  });

  it('reads NACL entries with named protocols, port ranges, ICMP codes and associations', () => {
    // Prepare
    const docs = smallSnapshotDocs();

    // Act
    const nacl = buildModel(docs).nacl('acl-0pub')!;

    // Assess
    expect(nacl.entries).toContainEqual({
      ruleNumber: 100,
      egress: false,
      protocol: 'tcp',
      action: 'allow',
      cidr: '0.0.0.0/0',
      portRange: { from: 443, to: 443 },
    });
    expect(nacl.entries).toContainEqual({
      ruleNumber: 120,
      egress: false,
      protocol: 'icmpv6',
      action: 'allow',
      cidr: '::/0',
      icmpTypeCode: { type: -1, code: -1 },
    });
    expect(nacl.associations).toEqual([{ associationId: 'aclassoc-0pub', subnetId: 'subnet-0pub' }]);
    expect(nacl.tags).toEqual({ Name: 'public' });
  });

  it('keeps prefix list entries when loaded and leaves cidrs undefined when not', () => {
    // Prepare
    const docs = smallSnapshotDocs();

    // Act
    const model = buildModel(docs);

    // Assess
    expect(model.prefixList('pl-0vpn')).toEqual({
      prefixListId: 'pl-0vpn',
      name: 'corp-vpn',
      addressFamily: 'IPv4',
      cidrs: ['192.0.2.0/24', '198.51.100.0/25'],
    });
    expect(model.prefixList('pl-0s3')?.cidrs).toBeUndefined();
  });

  it('reports the optional layers it could not load as not covered', () => {
    // Prepare
    const { securityGroups, networkInterfaces } = smallSnapshotDocs();

    // Act
    const model = buildModel({ securityGroups, networkInterfaces });

    // Assess
    expect(model.coverage).toEqual({
      ruleIds: false,
      nacls: false,
      prefixLists: false,
      instances: false,
      launchTemplates: false,
    });
    expect(model.naclForSubnet('subnet-0pub')).toBeUndefined();
    expect(model.prefixList('pl-0vpn')).toBeUndefined();
    expect([...model.instances()]).toEqual([]);
    expect([...model.launchTemplates()]).toEqual([]);
  });
});
