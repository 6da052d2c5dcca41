import { describe, expect, it } from 'vitest';
import { evaluateDependency } from '../../../lambdas/core/reachability/evaluate-dependency';
import { ALB, albToWeb, phantomBlockModel, STALE, WEB } from '../support/phantom-block';

const layerOf = (pair: { layers: readonly { layer: string; status: string }[] }, layer: string) =>
  pair.layers.find((l) => l.layer === layer)?.status;

describe('a dependency whose destination is selected by instance tags (the Phantom Block)', () => {
  it('is blocked at sg-ingress on device 1 only, where the stale group lacks 443 from the ALB', () => {
    // Prepare
    const model = phantomBlockModel();

    // Act
    const result = evaluateDependency(model, albToWeb);

    // Assess
    expect(result.status).toBe('blocked');
    expect(result.blockedBy).toEqual(['sg-ingress']);
    const blocked = result.pairs.filter((p) => !p.reachable).map((p) => p.destinationEniId);
    expect(blocked).toEqual(['eni-0web1b', 'eni-0web2b']);
    const reachable = result.pairs.filter((p) => p.reachable).map((p) => p.destinationEniId);
    expect(reachable).toEqual(['eni-0web1a', 'eni-0web2a']);
    expect(result.pairs.every((p) => p.reachable || layerOf(p, 'sg-ingress') === 'block')).toBe(true);
    expect(result.destinationGroupIds).toEqual([STALE, WEB]);
  });

  it('is reachable through device 0', () => {
    // Prepare
    const dep = { ...albToWeb, to: { instanceTags: { Role: 'web' }, deviceIndex: 0 } };

    // Act
    const result = evaluateDependency(phantomBlockModel(), dep);

    // Assess
    expect(result.status).toBe('reachable');
    expect(result.pairs.map((p) => p.destinationEniId)).toEqual(['eni-0web1a', 'eni-0web2a']);
  });

  it('proposes the SG-to-SG rule on the stale group and the group list to set on each blocked ENI', () => {
    // Prepare
    const dep = { ...albToWeb, to: { instanceTags: { Role: 'web' }, deviceIndex: [0, 1] } };

    // Act
    const result = evaluateDependency(phantomBlockModel(), dep);

    // Assess
    const cli = result.fixes.map((f) => f.awsCli);
    expect(cli).toEqual([
      `aws ec2 authorize-security-group-ingress --group-id ${STALE} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=${ALB},Description="alb-to-web"}]'`,
      `aws ec2 modify-network-interface-attribute --network-interface-id eni-0web1b --groups ${STALE} ${WEB}`,
      `aws ec2 modify-network-interface-attribute --network-interface-id eni-0web2b --groups ${STALE} ${WEB}`,
    ]);
    const setGroups = result.fixes[1];
    expect(setGroups?.summary).toContain('eni-0web1b (i-0web1 device 1) carries no group that allows tcp 443 from sg-0alb');
    expect(setGroups?.terraform).toContain('aws_network_interface_sg_attachment');
    expect(setGroups?.apply).toMatchObject({
      api: 'ModifyNetworkInterfaceAttribute',
      input: { NetworkInterfaceId: 'eni-0web1b', Groups: [STALE, WEB] },
    });
  });

  it('proposes only the SG-to-SG rule when no selected ENI carries a group that admits the traffic', () => {
    // Prepare
    const dep = { ...albToWeb, to: { instanceTags: { Role: 'web' }, deviceIndex: 1 } };

    // Act
    const result = evaluateDependency(phantomBlockModel(), dep);

    // Assess
    expect(result.fixes.map((f) => f.layer)).toEqual(['sg-ingress']);
    expect(result.fixes[0]?.awsCli).toContain(`authorize-security-group-ingress --group-id ${STALE}`);
  });

  it('is unresolved, naming describe-instances.json, when the model has no instances', () => {
    // Prepare
    const model = phantomBlockModel({ instances: false });

    // Act
    const result = evaluateDependency(model, albToWeb);
    const withPairs = evaluateDependency(model, albToWeb, {
      pairs: [{ sourceEniId: 'eni-0alb', destinationEniId: 'eni-0web1b' }],
    });

    // Assess
    for (const r of [result, withPairs]) {
      expect(r.status).toBe('unresolved');
      expect(r.pairs).toEqual([]);
      expect(r.reason).toBe(
        'the destination instanceTags {Role=web} is not evaluated: instances are not loaded (no describe-instances.json)',
      );
    }
  });

  it.each([
    [
      'no instance has the tags',
      { instanceTags: { Role: 'api' } },
      'no running instance tagged Role=api (destination: instanceTags {Role=api})',
    ],
    [
      'the only tagged instance is stopped',
      { instanceTags: { Role: 'web', Color: 'blue' } },
      'no running instance tagged Role=web, Color=blue (destination: instanceTags {Role=web, Color=blue})',
    ],
    [
      'no tagged instance is in the VPC',
      { instanceTags: { Role: 'web' }, vpcId: 'vpc-9' },
      'no running instance tagged Role=web in vpc-9 (destination: instanceTags {Role=web} in vpc-9)',
    ],
    [
      'no instance has an ENI at the device index',
      { instanceTags: { Role: 'web' }, deviceIndex: 3 },
      'no network interface at the selected device index on the running instance(s) tagged Role=web (i-0web1, i-0web2; destination: instanceTags {Role=web} device 3)',
    ],
  ])('is unresolved with a reason when %s', (_name, to, reason) => {
    // Act
    const result = evaluateDependency(phantomBlockModel(), { ...albToWeb, to });

    // Assess
    expect(result.status).toBe('unresolved');
    expect(result.reason).toBe(reason);
  });

  it('selects the source by instance tags too, with the group it carries in the SG-to-SG fix', () => {
    // Prepare
    const dep = { name: 'web-to-alb', from: { instanceTags: { Role: 'web' }, deviceIndex: 0 }, to: { groupId: ALB }, protocol: 'tcp', port: 8080 };

    // Act
    const result = evaluateDependency(phantomBlockModel(), dep);

    // Assess
    expect(result.status).toBe('blocked');
    expect(result.sourceGroupIds).toEqual([WEB]);
    expect(result.fixes.map((f) => f.awsCli)).toEqual([
      `aws ec2 authorize-security-group-ingress --group-id ${ALB} --ip-permissions 'IpProtocol=tcp,FromPort=8080,ToPort=8080,UserIdGroupPairs=[{GroupId=${WEB},Description="web-to-alb"}]'`,
    ]);
  });
});
