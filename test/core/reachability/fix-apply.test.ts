import { describe, expect, it } from 'vitest';
import type { Dependency } from '../../../lambdas/core/config/schema';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { evaluateDependency } from '../../../lambdas/core/reachability/evaluate-dependency';
import { fixDescription } from '../../../lambdas/core/reachability/fix-apply';
import { revertStepToChange } from '../../../lambdas/core/revert/step-to-change';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import type { Fix } from '../../../lambdas/core/verdict/types';
import { defaultEgress, naclEntry, openEntries } from '../support/builders';
import { BACKEND, NGINX, nginxToBackend, STALE, webBackendModel } from '../support/web-backend';

/** The model after every fix's one call was applied, as EC2 would apply it. */
function applyAll(model: NetworkModel, fixes: readonly Fix[]): NetworkModel {
  return fixes.reduce((m, fix) => {
    const change = fix.apply && revertStepToChange(fix.apply);
    if (!change) throw new Error(`no one-call apply for ${fix.summary}`);
    return applyChange(m, change).model;
  }, model);
}

describe('one-call fixes (Fix.apply)', () => {
  it('authorizes the missing SG-to-SG rule with a guardian description, and that call repairs the dependency', () => {
    // Prepare
    const model = webBackendModel({ backendRules: [defaultEgress()] });

    // Act
    const result = evaluateDependency(model, nginxToBackend);

    // Assess
    expect(result.fixes.map((f) => f.apply)).toEqual([
      {
        api: 'AuthorizeSecurityGroupIngress',
        iamAction: 'ec2:AuthorizeSecurityGroupIngress',
        input: {
          GroupId: BACKEND,
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 8080,
              ToPort: 8080,
              UserIdGroupPairs: [{ GroupId: NGINX, Description: 'sg-guardian fix: nginx-to-backend' }],
            },
          ],
        },
        summary: `Authorize ingress tcp 8080 on ${BACKEND} from ${NGINX}`,
      },
    ]);
    expect(evaluateDependency(applyAll(model, result.fixes), nginxToBackend).status).toBe('reachable');
  });

  it('creates the numbered NACL entries the aws ec2 commands name, and they repair the dependency', () => {
    // Prepare
    const deny = naclEntry({
      ruleNumber: 50,
      egress: true,
      action: 'deny',
      protocol: 'tcp',
      cidr: '10.0.1.0/24',
      ports: [8080, 8080],
    });
    const model = webBackendModel({ webEntries: [deny, ...openEntries()] });

    // Act
    const result = evaluateDependency(model, nginxToBackend);

    // Assess
    expect(result.fixes.map((f) => f.apply?.input)).toEqual([
      {
        NetworkAclId: 'acl-0web',
        RuleNumber: 49,
        Protocol: '6',
        RuleAction: 'allow',
        Egress: true,
        CidrBlock: '10.0.1.15/32',
        PortRange: { From: 8080, To: 8080 },
      },
      expect.objectContaining({ RuleNumber: 48, CidrBlock: '10.0.1.16/32' }),
    ]);
    expect(result.fixes.map((f) => f.apply?.api)).toEqual(['CreateNetworkAclEntry', 'CreateNetworkAclEntry']);
    expect(evaluateDependency(applyAll(model, result.fixes), nginxToBackend).status).toBe('reachable');
  });

  it('sets the whole group list on an ENI that lost the selected group', () => {
    // Prepare
    const model = webBackendModel({ secondaryGroups: [STALE] });
    const pairs = [{ sourceEniId: 'eni-0nginx', destinationEniId: 'eni-0backend2' }];

    // Act
    const result = evaluateDependency(model, nginxToBackend, { pairs });

    // Assess
    expect(result.fixes.map((f) => f.apply)).toEqual([
      expect.objectContaining({
        api: 'ModifyNetworkInterfaceAttribute',
        input: { NetworkInterfaceId: 'eni-0backend2', Groups: [STALE, BACKEND] },
      }),
    ]);
  });

  it('offers no one-call apply on a requester-managed ENI (its service owns the groups)', () => {
    // Prepare
    const base = webBackendModel({ secondaryGroups: [] });
    const enis = [...base.enis()].map((e) =>
      e.eniId === 'eni-0backend2' ? { ...e, requesterManaged: true, requesterId: 'amazon-elb' } : e,
    );
    const model = base.with({ enis });
    const pairs = [{ sourceEniId: 'eni-0nginx', destinationEniId: 'eni-0backend2' }];

    // Act
    const result = evaluateDependency(model, nginxToBackend, { pairs });

    // Assess
    expect(result.fixes).toHaveLength(1);
    expect(result.fixes[0]?.awsCli).toContain('modify-network-interface-attribute');
    expect(result.fixes[0]?.apply).toBeUndefined();
  });

  it('offers no one-call apply for a group reference across VPCs (peering comes first)', () => {
    // Prepare
    const base = webBackendModel({ backendRules: [defaultEgress()] });
    const enis = [...base.enis()].map((e) => (e.eniId === 'eni-0nginx' ? { ...e, vpcId: 'vpc-2' } : e));
    const model = base.with({ enis });

    // Act
    const result = evaluateDependency(model, nginxToBackend);

    // Assess
    expect(result.fixes.length).toBeGreaterThan(0);
    expect(result.fixes[0]?.summary).toContain('VPC peering');
    expect(result.fixes.map((f) => f.apply)).toEqual(result.fixes.map(() => undefined));
  });

  it('uses all ICMP types for icmp and no ports for all traffic', () => {
    // Prepare
    const model = webBackendModel({ backendRules: [defaultEgress()] });
    const of = (protocol: Dependency['protocol']): Dependency => ({
      name: protocol,
      from: { groupId: NGINX },
      to: { groupId: BACKEND },
      protocol,
    });

    // Act
    const icmp = evaluateDependency(model, of('icmp')).fixes[0]?.apply?.input;
    const all = evaluateDependency(model, of('all')).fixes[0]?.apply?.input;

    // Assess
    expect(icmp?.IpPermissions).toEqual([
      expect.objectContaining({ IpProtocol: 'icmp', FromPort: -1, ToPort: -1 }),
    ]);
    expect(all?.IpPermissions).toEqual([
      { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: NGINX, Description: 'sg-guardian fix: all' }] },
    ]);
  });

  it('keeps a rule description within the characters and length EC2 accepts', () => {
    // Prepare
    const name = `api→db "primary" ${'x'.repeat(300)}`;

    // Act
    const description = fixDescription(name);

    // Assess
    expect(description).toMatch(/^sg-guardian fix: api-db -primary- x+$/);
    expect(description).toHaveLength(255);
  });
});
