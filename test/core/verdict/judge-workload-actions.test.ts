import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../lambdas/core/config/parse-config';
import { judge } from '../../../lambdas/core/verdict/judge';
import { cidrPeer, defaultEgress, eni, group, ingress, prefixListPeer } from '../support/builders';
import { FakeModel } from '../support/fake-model';
import { ALB, phantomBlockModel, STALE, WEB } from '../support/phantom-block';
import { NOW, parsed, phantomConfig } from './workload-events';

describe('judge: ModifyInstanceAttribute --groups', () => {
  it('reverts the primary ENI of the instance to its prior groups', () => {
    // Prepare
    const change = { kind: 'instance-groups-set' as const, instanceId: 'i-0web1', groupIds: [STALE] };

    // Act
    const v = judge({
      event: parsed(change, 'ModifyInstanceAttribute'),
      model: phantomBlockModel(),
      config: phantomConfig({ revert: true }),
      now: NOW,
    });

    // Assess
    expect(v.verdict).toBe('violation');
    expect(v.findings[0]?.pairs?.map((p) => p.destinationEniId)).toEqual(['eni-0web1a']);
    expect(v.revert.status).toBe('ready');
    expect(v.revert.steps).toEqual([
      expect.objectContaining({
        api: 'ModifyNetworkInterfaceAttribute',
        iamAction: 'ec2:ModifyNetworkInterfaceAttribute',
        input: { NetworkInterfaceId: 'eni-0web1a', Groups: [WEB] },
      }),
    ]);
    expect(v.action).toBe('revert');
  });

  it('notifies without a revert when the instance is not in the state', () => {
    // Prepare
    const change = { kind: 'instance-groups-set' as const, instanceId: 'i-0unknown', groupIds: [STALE] };

    // Act
    const v = judge({ event: parsed(change), model: phantomBlockModel(), config: phantomConfig({ revert: true }), now: NOW });

    // Assess
    expect(v.action).toBe('notify');
    expect(v.revert.steps).toEqual([]);
    expect(v.actionReason).toContain('i-0unknown is not in the snapshot');
  });
});

describe('judge: requester-managed ENIs', () => {
  it('never reverts the groups of an ALB ENI and names elbv2 SetSecurityGroups', () => {
    // Prepare
    const model = phantomBlockModel();
    const alb = { ...model.eni('eni-0alb')!, description: 'ELB app/my-alb/50dc6c495c0c9188' };
    const withAlb = model.with({ enis: [...model.enis()].map((e) => (e.eniId === alb.eniId ? alb : e)) });
    const change = { kind: 'eni-groups-set' as const, eniId: 'eni-0alb', groupIds: [STALE] };

    // Act
    const v = judge({
      event: parsed(change, 'ModifyNetworkInterfaceAttribute'),
      model: withAlb,
      config: phantomConfig({ revert: true }),
      now: NOW,
    });

    // Assess
    expect(v.verdict).toBe('violation');
    expect(v.revert.steps).toEqual([]);
    expect(v.action).toBe('notify');
    expect(v.actionReason).toContain('elbv2 SetSecurityGroups');
    expect(v.actionReason).toContain(`aws elbv2 set-security-groups --load-balancer-arn <arn of app/my-alb> --security-groups ${ALB}`);
  });
});

describe('judge: attach and detach', () => {
  it('notifies, never reverts, when the ENI a detach releases is not in the state', () => {
    // Prepare
    const change = { kind: 'eni-detached' as const, attachmentId: 'eni-attach-0unknown' };

    // Act
    const v = judge({ event: parsed(change, 'DetachNetworkInterface'), model: phantomBlockModel(), config: phantomConfig({ revert: true }), now: NOW });

    // Assess
    expect(v.verdict).toBe('ok');
    expect(v.action).toBe('notify');
    expect(v.revert.steps).toEqual([]);
    expect(v.actionReason).toContain('eni-attach-0unknown');
  });

  it('judges an attached ENI with the groups the state gives it, and never detaches it', () => {
    // Prepare
    const model = phantomBlockModel();
    const free = eni('eni-0free', { subnetId: 'subnet-app', ip: '10.0.1.90', groupIds: [STALE] });
    const withFree = model.with({ enis: [...model.enis(), free] });
    const change = {
      kind: 'eni-attached' as const,
      eniId: 'eni-0free',
      instanceId: 'i-0web2',
      deviceIndex: 2,
      attachmentId: 'eni-attach-0new',
    };

    // Act
    const v = judge({
      event: parsed(change, 'AttachNetworkInterface'),
      model: withFree,
      config: phantomConfig({ revert: true }),
      now: NOW,
    });

    // Assess
    expect(v.verdict).toBe('violation');
    expect(v.findings[0]?.pairs?.map((p) => p.destinationEniId)).toEqual(['eni-0free']);
    expect(v.revert.steps).toEqual([]);
    expect(v.action).toBe('notify');
    expect(v.actionReason).toContain('never undone');
  });
});

describe('judge: ModifyManagedPrefixList', () => {
  it('reports SSH opened to the world through two /1 halves added to a list an SSH rule references', () => {
    // Prepare
    const model = new FakeModel({
      groups: [
        group('sg-0bastion', {
          name: 'bastion',
          rules: [ingress('tcp', 22, 22, prefixListPeer('pl-0office')), defaultEgress()],
        }),
      ],
      enis: [eni('eni-0bastion', { subnetId: 'subnet-pub', ip: '10.0.0.5', groupIds: ['sg-0bastion'] })],
      prefixLists: [{ prefixListId: 'pl-0office', name: 'office', addressFamily: 'IPv4', cidrs: ['203.0.113.0/24'] }],
    });
    const change = { kind: 'prefix-list-modified' as const, prefixListId: 'pl-0office', added: ['0.0.0.0/1', '128.0.0.0/1'], removed: [] };

    // Act
    const v = judge({ event: parsed(change, 'ModifyManagedPrefixList'), model, config: parseConfig('{}', 'guardian.yaml'), now: NOW });

    // Assess
    expect(v.verdict).toBe('violation');
    expect(v.findings).toEqual([
      expect.objectContaining({ kind: 'world-exposure', groupId: 'sg-0bastion', ports: [{ from: 22, to: 22 }] }),
    ]);
    expect(v.revert.steps).toEqual([]);
    expect(v.action).toBe('notify');
  });

  it('is ok when the entries added are one office range', () => {
    // Prepare
    const model = new FakeModel({
      groups: [group('sg-0bastion', { rules: [ingress('tcp', 22, 22, prefixListPeer('pl-0office'))] })],
      prefixLists: [{ prefixListId: 'pl-0office', cidrs: ['203.0.113.0/24'] }],
    });
    const change = { kind: 'prefix-list-modified' as const, prefixListId: 'pl-0office', added: ['198.51.100.0/24'], removed: [] };

    // Act
    const v = judge({ event: parsed(change), model, config: parseConfig('{}', 'guardian.yaml'), now: NOW });

    // Assess
    expect(v.verdict).toBe('ok');
  });
});

describe('judge: tags', () => {
  const model = () =>
    new FakeModel({
      groups: [group('sg-0a', { rules: [ingress('tcp', 22, 22, cidrPeer('10.0.0.0/8'))] })],
    });

  it('is ok without judging when no selector or break-glass tag uses the key', () => {
    // Prepare
    const change = { kind: 'tags-set' as const, resourceIds: ['sg-0a'], tags: { CostCenter: '42' } };

    // Act
    const v = judge({ event: parsed(change, 'CreateTags'), model: model(), config: phantomConfig(), now: NOW });

    // Assess
    expect(v.verdict).toBe('ok');
    expect(v.reason).toContain('CostCenter');
    expect(v.reason).toContain('not used by the policy');
  });

  it('re-judges the instance a Role tag moves into an instance-tag selection', () => {
    // Prepare
    const change = { kind: 'tags-set' as const, resourceIds: ['i-0db'], tags: { Role: 'web' } };
    const config = phantomConfig({
      extra: ['  - { name: alb-to-web-8443, from: { groupName: alb }, to: { instanceTags: { Role: web } }, port: 8443 }'],
    });

    // Act
    const v = judge({ event: parsed(change, 'CreateTags'), model: phantomBlockModel(), config, now: NOW });

    // Assess
    expect(v.verdict).toBe('violation');
    expect(v.findings.map((f) => f.dependency)).toEqual(['alb-to-web-8443']);
    expect(v.findings[0]?.pairs?.map((p) => p.destinationEniId)).toEqual(['eni-0db']);
    expect(v.action).toBe('notify');
  });
});
