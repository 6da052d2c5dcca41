import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../lambdas/core/config/parse-config';
import { prefixList } from '../../support/workloads';
import { eni, group, ingress, prefixListPeer } from '../support/builders';
import { fakeModel } from '../support/fake-model';
import { PHANTOM_ENIS, phantomBlockModel, STALE, WEB } from '../support/phantom-block';
import { phantomConfig } from '../verdict/workload-events';
import { ec2Instance, judged, planOf, resourceChange } from './plan-builders';

const web1 = (groups: string[]) =>
  ec2Instance({ id: 'i-0web1', subnet_id: 'subnet-app', vpc_security_group_ids: groups, tags: { Role: 'web' }, tags_all: { Role: 'web' } });

/** The Phantom Block ENIs with every web device in sg-0web: alb-to-web holds before the plan. */
const healthyEnis = () => PHANTOM_ENIS.map((e) => (e.groupIds.includes(STALE) ? { ...e, groupIds: [WEB] } : e));

describe('preflight: workload changes judged end to end', () => {
  it('reports the stale group put on the primary ENI of a web instance (vpc_security_group_ids)', () => {
    // Prepare
    const plan = planOf(resourceChange('aws_instance.web1', ['update'], web1([WEB]), web1([STALE])));

    // Act
    const report = judged(plan, phantomBlockModel(), phantomConfig());

    // Assess
    expect(report.verdict).toBe('violation');
    expect(report.net.findings.map((f) => [f.dependency, f.addresses])).toEqual([['alb-to-web', ['aws_instance.web1']]]);
  });

  it('cannot judge the groups of an instance when the snapshot has no instances', () => {
    // Prepare
    const plan = planOf(resourceChange('aws_instance.web1', ['update'], web1([WEB]), web1([STALE])));

    // Act
    const report = judged(plan, phantomBlockModel({ instances: false }), phantomConfig());

    // Assess
    expect(report.verdict).toBe('cannot-judge');
    expect(report.cannotJudge).toEqual([
      { address: 'aws_instance.web1', reason: 'the snapshot has no instances (describe-instances.json)' },
    ]);
  });

  it('reports a new web instance launched in the stale group, before it exists', () => {
    // Prepare
    const after = { ...web1([STALE]), id: null };
    const plan = planOf(resourceChange('aws_instance.web3', ['create'], null, after, { id: true }));

    // Act
    const report = judged(plan, phantomBlockModel(), phantomConfig());

    // Assess
    expect(report.verdict).toBe('violation');
    const pairs = report.net.findings.flatMap((f) => f.pairs ?? []);
    expect(pairs.map((p) => p.destinationEniId)).toEqual(['aws_instance.web3:eth0']);
  });

  it('reports an interface in the stale group attached to a web instance', () => {
    // Prepare
    const free = eni('eni-0free', { subnetId: 'subnet-app', ip: '10.0.1.50', groupIds: [STALE] });
    const model = phantomBlockModel().with({ enis: [...healthyEnis(), free] });
    const attachment = { attachment_id: null, device_index: 2, instance_id: 'i-0web1', network_interface_id: 'eni-0free' };
    const plan = planOf(
      resourceChange('aws_network_interface_attachment.extra', ['create'], null, attachment, { attachment_id: true }),
    );

    // Act
    const report = judged(plan, model, phantomConfig());

    // Assess
    expect(report.verdict).toBe('violation');
    expect(report.net.findings.flatMap((f) => f.pairs ?? []).map((p) => p.destinationEniId)).toContain('eni-0free');
  });

  it('reports SSH opened to the world through the prefix list a rule references', () => {
    // Prepare
    const admin = group('sg-0admin', { name: 'admin', rules: [ingress('tcp', 22, 22, prefixListPeer('pl-0office'))] });
    const model = fakeModel({ groups: [admin], prefixLists: [prefixList('pl-0office', ['203.0.113.0/24'])] });
    const config = parseConfig('dependencies: []\n', 'guardian.yaml');
    const list = (cidrs: string[]) => ({ id: 'pl-0office', address_family: 'IPv4', entry: cidrs.map((cidr) => ({ cidr, description: '' })) });
    const plan = planOf(
      resourceChange(
        'aws_ec2_managed_prefix_list.office',
        ['update'],
        list(['203.0.113.0/24']),
        list(['203.0.113.0/24', '0.0.0.0/1', '128.0.0.0/1']),
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.verdict).toBe('violation');
    expect(report.net.findings.map((f) => [f.kind, f.groupId, f.addresses])).toEqual([
      ['world-exposure', 'sg-0admin', ['aws_ec2_managed_prefix_list.office']],
    ]);
  });
});
