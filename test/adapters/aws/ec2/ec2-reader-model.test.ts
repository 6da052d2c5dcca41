import {
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeManagedPrefixListsCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  GetManagedPrefixListEntriesCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { Ec2AccountReader, Ec2ReadError } from '../../../../lambdas/adapters/aws/ec2/ec2-reader';
import { loadSnapshotModel } from '../../../../lambdas/adapters/files/snapshot-files';
import { buildModel } from '../../../../lambdas/core/model/build-model';
import { serializeSnapshot } from '../../../../lambdas/core/model/serialize';
import { SMALL_SNAPSHOT } from '../../../core/model/fixture-docs';
import { mockedEc2, serveSmallSnapshot } from './ec2-fake-account';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
const ruleIds = (rules: readonly { ruleId?: string }[]) => rules.map((r) => r.ruleId).sort();

describe('Ec2AccountReader: concurrency', () => {
  it('starts every read of a scope before any of them answers', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    const started: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const answer = (name: string, output: object) => async () => {
      started.push(name);
      await gate;
      return output;
    };
    ec2.on(DescribeSecurityGroupsCommand).callsFake(answer('groups', { SecurityGroups: [] }));
    ec2.on(DescribeSecurityGroupRulesCommand).callsFake(answer('rules', { SecurityGroupRules: [] }));
    ec2.on(DescribeNetworkInterfacesCommand).callsFake(answer('enis', { NetworkInterfaces: [] }));
    ec2.on(DescribeNetworkAclsCommand).callsFake(answer('nacls', { NetworkAcls: [] }));
    ec2.on(DescribeManagedPrefixListsCommand).callsFake(answer('lists', { PrefixLists: [] }));
    const reader = new Ec2AccountReader(client);

    // Act
    const reading = reader.read({
      groupIds: ['sg-1'],
      enisOfGroups: ['sg-1'],
      naclsOfSubnets: ['subnet-1'],
      prefixListIds: ['pl-1'],
    });
    await tick();
    const startedBeforeAnyAnswer = [...started];
    open();
    await reading;

    // Assess
    expect(startedBeforeAnyAnswer.sort()).toEqual(['enis', 'groups', 'lists', 'nacls', 'rules']);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    let inFlight = 0;
    let most = 0;
    const slow = (output: object) => async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await tick();
      inFlight -= 1;
      return output;
    };
    ec2.on(DescribeSecurityGroupsCommand).callsFake(slow({ SecurityGroups: [] }));
    ec2.on(DescribeSecurityGroupRulesCommand).callsFake(slow({ SecurityGroupRules: [] }));
    const reader = new Ec2AccountReader(client, { concurrency: 2 });

    // Act
    await reader.read({ groupIds: Array.from({ length: 1000 }, (_, i) => `sg-${i}`) });

    // Assess
    expect(reader.calls).toBe(10);
    expect(most).toBe(2);
  });
});

describe('Ec2AccountReader: documents for the core', () => {
  it('gives buildModel the groups, rule ids, ENIs, NACLs and prefix lists the scope names, nothing else', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);
    const reader = new Ec2AccountReader(client);

    // Act
    const model = buildModel(
      await reader.read({
        groupIds: ['sg-0web', 'sg-0app'],
        enisOfGroups: ['sg-0app'],
        naclsOfSubnets: ['subnet-0priv'],
        prefixListIds: ['pl-0vpn'],
      }),
    );

    // Assess
    expect(model.coverage).toEqual({
      ruleIds: true,
      nacls: true,
      prefixLists: true,
      instances: false,
      launchTemplates: false,
    });
    expect([...model.groups()].map((g) => g.groupId)).toEqual(['sg-0web', 'sg-0app']);
    expect(ruleIds(model.group('sg-0web')?.rules ?? [])).toEqual([
      'sgr-0web22vpn',
      'sgr-0web443v4',
      'sgr-0web443v6',
      'sgr-0webtoapp',
    ]);
    expect(model.ruleById('sgr-0appicmp')?.groupId).toBe('sg-0app');
    expect(model.enisWithGroup('sg-0app').map((e) => e.eniId)).toEqual(['eni-0app1', 'eni-0app2']);
    expect(model.eni('eni-0web1')).toBeUndefined();
    expect(model.naclForSubnet('subnet-0priv')?.naclId).toBe('acl-0priv');
    expect(model.nacl('acl-0pub')).toBeUndefined();
    expect(model.prefixList('pl-0vpn')?.cidrs).toEqual(['192.0.2.0/24', '198.51.100.0/25']);
  });

  it('reads the whole region unfiltered, with entries of customer-managed lists only', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);
    const reader = new Ec2AccountReader(client);

    // Act
    const docs = await reader.readAll();

    // Assess
    for (const command of [
      DescribeSecurityGroupsCommand,
      DescribeSecurityGroupRulesCommand,
      DescribeNetworkInterfacesCommand,
      DescribeNetworkAclsCommand,
      DescribeManagedPrefixListsCommand,
      DescribeInstancesCommand,
      DescribeLaunchTemplatesCommand,
    ]) {
      const sent = ec2.commandCalls(command).map((c) => c.args[0].input as { Filters?: unknown });
      expect(sent).toHaveLength(1);
      expect(sent[0]?.Filters).toBeUndefined();
    }
    const entries = ec2
      .commandCalls(GetManagedPrefixListEntriesCommand)
      .map((c) => c.args[0].input.PrefixListId);
    expect(entries).toEqual(['pl-0vpn']);
    const versionsOf = ec2.commandCalls(DescribeLaunchTemplateVersionsCommand).map((c) => c.args[0].input);
    expect(versionsOf.map((i) => [i.LaunchTemplateId, i.Versions])).toEqual([
      ['lt-0web', undefined],
      ['lt-0app', undefined],
    ]);
    expect(reader.calls).toBe(10);
    const live = serializeSnapshot(buildModel(docs));
    const fromFolder = serializeSnapshot(await loadSnapshotModel(SMALL_SNAPSHOT));
    expect(live).toEqual(fromFolder);
  });

  it('names the EC2 API whose answer the core rejects', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: 'sg-1' }] });
    const reader = new Ec2AccountReader(client);

    // Act
    const docs = await reader.read({ groupIds: ['sg-1'] });

    // Assess
    expect(() => buildModel(docs)).toThrow(/^ec2:DescribeSecurityGroups: SecurityGroups\[0\]\.GroupName/);
  });

  it('rejects with Ec2ReadError naming the API and the EC2 error when a read fails', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);
    const denied = Object.assign(new Error('You are not authorized to perform this operation.'), {
      name: 'UnauthorizedOperation',
      $fault: 'client',
      $metadata: { httpStatusCode: 403 },
    });
    ec2.on(DescribeNetworkAclsCommand).rejects(denied);
    const reader = new Ec2AccountReader(client);

    // Act
    const error = await reader.read({ naclIds: ['acl-0pub'] }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(Ec2ReadError);
    expect((error as Error).message).toBe(
      'ec2:DescribeNetworkAcls failed: UnauthorizedOperation: You are not authorized to perform this operation.',
    );
    expect((error as Error).cause).toBe(denied);
  });

  it('stops when EC2 repeats a pagination token instead of looping', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [], NextToken: 'again' });
    const reader = new Ec2AccountReader(client);

    // Act
    const error = await reader.read({ eniIds: ['eni-1'] }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(Ec2ReadError);
    expect(reader.calls).toBe(2);
  });
});
