import {
  DescribeManagedPrefixListsCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  GetManagedPrefixListEntriesCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { Ec2AccountReader } from '../../../../lambdas/adapters/aws/ec2/ec2-reader';
import { mockedEc2, serveSmallSnapshot } from './ec2-fake-account';

const inputs = <I>(calls: { args: [{ input: I }] }[]): I[] => calls.map((c) => c.args[0].input);
const json = (doc: { json: unknown } | undefined, key: string) =>
  ((doc?.json ?? {}) as Record<string, { [k: string]: unknown }[]>)[key] ?? [];

describe('Ec2AccountReader.read: one scope field at a time', () => {
  it('describes the named groups and their rules by group-id filter, and nothing else', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);
    const reader = new Ec2AccountReader(client);

    // Act
    const docs = await reader.read({ groupIds: ['sg-0web', 'sg-0app', 'sg-0web'] });

    // Assess
    const filter = [{ Name: 'group-id', Values: ['sg-0web', 'sg-0app'] }];
    expect(inputs(ec2.commandCalls(DescribeSecurityGroupsCommand))).toEqual([
      { Filters: filter, MaxResults: 1000 },
    ]);
    expect(inputs(ec2.commandCalls(DescribeSecurityGroupRulesCommand))).toEqual([
      { Filters: filter, MaxResults: 1000 },
    ]);
    expect(ec2.calls()).toHaveLength(2);
    expect(reader.calls).toBe(2);
    expect(json(docs.securityGroups, 'SecurityGroups').map((g) => g.GroupId)).toEqual(['sg-0web', 'sg-0app']);
    expect(docs.securityGroupRules?.file).toBe('ec2:DescribeSecurityGroupRules');
    expect(docs.networkInterfaces).toEqual({
      file: 'ec2:DescribeNetworkInterfaces',
      json: { NetworkInterfaces: [] },
    });
    expect(Object.keys(docs).sort()).toEqual(['networkInterfaces', 'securityGroupRules', 'securityGroups']);
  });

  it('reads ENIs of groups and named ENIs with one filtered call each, merging an ENI found twice', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);
    const reader = new Ec2AccountReader(client);

    // Act
    const docs = await reader.read({ enisOfGroups: ['sg-0app'], eniIds: ['eni-0app1', 'eni-0web1'] });

    // Assess
    expect(inputs(ec2.commandCalls(DescribeNetworkInterfacesCommand))).toEqual([
      { Filters: [{ Name: 'group-id', Values: ['sg-0app'] }], MaxResults: 1000 },
      { Filters: [{ Name: 'network-interface-id', Values: ['eni-0app1', 'eni-0web1'] }], MaxResults: 1000 },
    ]);
    expect(ec2.calls()).toHaveLength(2);
    expect(json(docs.networkInterfaces, 'NetworkInterfaces').map((e) => e.NetworkInterfaceId)).toEqual([
      'eni-0app1',
      'eni-0app2',
      'eni-0web1',
    ]);
    expect(docs.securityGroups.json).toEqual({ SecurityGroups: [] });
    expect(docs.securityGroupRules).toBeUndefined();
  });

  it('reads NACLs of subnets and named NACLs with one filtered call each, merging a NACL found twice', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);
    const reader = new Ec2AccountReader(client);

    // Act
    const docs = await reader.read({ naclsOfSubnets: ['subnet-0pub'], naclIds: ['acl-0pub', 'acl-0priv'] });

    // Assess
    expect(inputs(ec2.commandCalls(DescribeNetworkAclsCommand))).toEqual([
      { Filters: [{ Name: 'association.subnet-id', Values: ['subnet-0pub'] }], MaxResults: 100 },
      { Filters: [{ Name: 'network-acl-id', Values: ['acl-0pub', 'acl-0priv'] }], MaxResults: 100 },
    ]);
    expect(ec2.calls()).toHaveLength(2);
    expect(json(docs.networkAcls, 'NetworkAcls').map((n) => n.NetworkAclId)).toEqual([
      'acl-0pub',
      'acl-0priv',
    ]);
    expect(docs.networkAcls?.file).toBe('ec2:DescribeNetworkAcls');
  });

  it('describes the named prefix lists, then reads the entries of each list found', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);
    const reader = new Ec2AccountReader(client);

    // Act
    const docs = await reader.read({ prefixListIds: ['pl-0vpn', 'pl-0gone'] });

    // Assess
    expect(inputs(ec2.commandCalls(DescribeManagedPrefixListsCommand))).toEqual([
      { Filters: [{ Name: 'prefix-list-id', Values: ['pl-0vpn', 'pl-0gone'] }], MaxResults: 100 },
    ]);
    expect(inputs(ec2.commandCalls(GetManagedPrefixListEntriesCommand))).toEqual([
      { PrefixListId: 'pl-0vpn', MaxResults: 100 },
    ]);
    expect(reader.calls).toBe(2);
    expect(Object.keys(docs.prefixListEntries ?? {})).toEqual(['pl-0vpn']);
    expect(docs.prefixListEntries?.['pl-0vpn']?.file).toBe('ec2:GetManagedPrefixListEntries(pl-0vpn)');
    expect(json(docs.prefixListEntries?.['pl-0vpn'], 'Entries').map((e) => e.Cidr)).toEqual([
      '192.0.2.0/24',
      '198.51.100.0/25',
    ]);
  });

  it('makes no call for an empty scope and still returns the two required documents', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);
    const reader = new Ec2AccountReader(client);

    // Act
    const empty = await reader.read({});
    const emptyLists = await reader.read({ groupIds: [], eniIds: [], naclIds: [], prefixListIds: [] });

    // Assess
    const expected = {
      securityGroups: { file: 'ec2:DescribeSecurityGroups', json: { SecurityGroups: [] } },
      networkInterfaces: { file: 'ec2:DescribeNetworkInterfaces', json: { NetworkInterfaces: [] } },
    };
    expect(empty).toEqual(expected);
    expect(emptyLists).toEqual(expected);
    expect(ec2.calls()).toHaveLength(0);
    expect(reader.calls).toBe(0);
  });
});

describe('Ec2AccountReader.read: paging, chunking and counting', () => {
  it('follows NextToken across three pages, counting one call per page', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);
    const pages: Record<string, { SecurityGroups: object[]; NextToken?: string }> = {
      first: { SecurityGroups: [{ GroupId: 'sg-1', GroupName: 'a' }], NextToken: 't2' },
      t2: { SecurityGroups: [{ GroupId: 'sg-2', GroupName: 'b' }], NextToken: 't3' },
      t3: { SecurityGroups: [{ GroupId: 'sg-3', GroupName: 'c' }] },
    };
    ec2.on(DescribeSecurityGroupsCommand).callsFake((input) => pages[input.NextToken ?? 'first']);
    const reader = new Ec2AccountReader(client, { pageSize: 5 });

    // Act
    const docs = await reader.read({ groupIds: ['sg-1', 'sg-2', 'sg-3'] });

    // Assess
    const sent = inputs(ec2.commandCalls(DescribeSecurityGroupsCommand));
    expect(sent.map((i) => i.NextToken)).toEqual([undefined, 't2', 't3']);
    expect(sent.map((i) => i.MaxResults)).toEqual([5, 5, 5]);
    expect(json(docs.securityGroups, 'SecurityGroups').map((g) => g.GroupId)).toEqual([
      'sg-1',
      'sg-2',
      'sg-3',
    ]);
    expect(reader.calls).toBe(4); // 3 pages of groups + 1 of rules
  });

  it('splits more than 200 ids into filters of at most 200 values, each call counted', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);
    const ids = Array.from({ length: 450 }, (_, i) => `sg-${i}`);
    const reader = new Ec2AccountReader(client);

    // Act
    await reader.read({ groupIds: ids });

    // Assess
    for (const command of [DescribeSecurityGroupsCommand, DescribeSecurityGroupRulesCommand]) {
      const values = inputs(ec2.commandCalls(command)).map((i) => i.Filters?.[0]?.Values ?? []);
      expect(values.map((v) => v.length)).toEqual([200, 200, 50]);
      expect(values.flat()).toEqual(ids);
    }
    expect(reader.calls).toBe(6);
  });

  it('clamps the page size to each API range', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);

    // Act
    await new Ec2AccountReader(client, { pageSize: 2 }).read({
      groupIds: ['sg-0web'],
      prefixListIds: ['pl-0vpn'],
    });
    await new Ec2AccountReader(client, { pageSize: 5000 }).read({ naclIds: ['acl-0pub'] });

    // Assess
    expect(inputs(ec2.commandCalls(DescribeSecurityGroupsCommand))[0]?.MaxResults).toBe(5);
    expect(inputs(ec2.commandCalls(DescribeManagedPrefixListsCommand))[0]?.MaxResults).toBe(2);
    expect(inputs(ec2.commandCalls(DescribeNetworkAclsCommand))[0]?.MaxResults).toBe(100);
  });

  it('counts calls since construction or the last reset', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);
    const reader = new Ec2AccountReader(client);
    await reader.read({ groupIds: ['sg-0web'], eniIds: ['eni-0web1'] });
    const before = reader.calls;

    // Act
    reader.resetCalls();
    await reader.read({ naclIds: ['acl-0pub'] });

    // Assess
    expect(before).toBe(3);
    expect(reader.calls).toBe(1);
  });
});
