import { describe, expect, it } from 'vitest';
import type { NetworkInterface } from '../../../lambdas/core/model/types';
import { planRevert } from '../../../lambdas/core/revert/plan';
import { isRequesterManaged, owningService } from '../../../lambdas/core/revert/requester-managed';
import { deriveStates } from '../../../lambdas/core/state/derive';
import { eni } from '../support/builders';
import { FakeModel } from '../support/fake-model';

const base = eni('eni-0svc', { subnetId: 'subnet-1', ip: '10.0.0.9', groupIds: ['sg-0old'] });
const managed = (fields: Partial<NetworkInterface>): NetworkInterface => ({ ...base, requesterManaged: true, ...fields });

describe('owningService', () => {
  it.each([
    [{ description: 'ELB app/my-alb/50dc6c495c0c9188', requesterId: 'amazon-elb' }, 'elbv2 SetSecurityGroups', 'aws elbv2 set-security-groups --load-balancer-arn <arn of app/my-alb> --security-groups sg-0a'],
    [{ interfaceType: 'network_load_balancer', description: 'ELB net/my-nlb/0123' }, 'elbv2 SetSecurityGroups', '<arn of net/my-nlb>'],
    [{ description: 'ELB my-classic', requesterId: 'amazon-elb' }, 'elb ApplySecurityGroupsToLoadBalancer', '--load-balancer-name my-classic'],
    [{ description: 'RDSNetworkInterface', requesterId: 'amazon-rds' }, 'rds ModifyDBInstance --vpc-security-group-ids', 'aws rds modify-db-instance'],
    [{ interfaceType: 'lambda', description: 'AWS Lambda VPC ENI-orders-fn-0f4c7c6e-1a2b-4c3d-8e9f-001122334455' }, 'lambda UpdateFunctionConfiguration VpcConfig', '--function-name orders-fn'],
    [{ interfaceType: 'vpc_endpoint', description: 'VPC Endpoint Interface vpce-0abc123' }, 'ec2 ModifyVpcEndpoint', '--vpc-endpoint-id vpce-0abc123'],
    [{ interfaceType: 'efs', description: 'EFS mount target for fs-0123 (fsmt-0456)' }, 'efs ModifyMountTargetSecurityGroups', '--mount-target-id fsmt-0456'],
  ])('names the service and API for %o', (fields, api, cli) => {
    // Act
    const owner = owningService(managed(fields), ['sg-0a']);

    // Assess
    expect(owner?.api).toBe(api);
    expect(owner?.awsCli).toContain(cli);
  });

  it('names an unknown service by its requester id, and leaves ordinary ENIs alone', () => {
    // Act
    const unknown = owningService(managed({ requesterId: '123456789012' }), ['sg-0a']);
    const ordinary = owningService(base, ['sg-0a']);

    // Assess
    expect(unknown?.service).toContain('123456789012');
    expect(ordinary).toBeUndefined();
    expect(isRequesterManaged(base)).toBe(false);
  });
});

describe('planRevert: requester-managed and never-undone changes', () => {
  it('holds no step for an RDS ENI whose groups changed, and says to use rds ModifyDBInstance', () => {
    // Prepare
    const model = new FakeModel({ enis: [managed({ description: 'RDSNetworkInterface' })] });
    const change = { kind: 'eni-groups-set' as const, eniId: 'eni-0svc', groupIds: ['sg-0new'] };

    // Act
    const plan = planRevert(change, deriveStates(model, change));

    // Assess
    expect(plan).toMatchObject({ status: 'none', steps: [] });
    expect(plan.reason).toContain('rds ModifyDBInstance');
    expect(plan.reason).toContain('--vpc-security-group-ids sg-0old');
  });

  it.each([
    [{ kind: 'eni-created' as const, eni: base }, 'never deleted'],
    [{ kind: 'prefix-list-modified' as const, prefixListId: 'pl-1', added: ['0.0.0.0/1'], removed: [] }, 'never edited back'],
    [{ kind: 'instances-launched' as const, instances: [] }, 'a launch is never undone'],
  ])('plans no step for %o', (change, reason) => {
    // Act
    const plan = planRevert(change, deriveStates(new FakeModel(), change));

    // Assess
    expect(plan.steps).toEqual([]);
    expect(plan.reason).toContain(reason);
  });
});
