import { describe, expect, it } from 'vitest';
import type { Dependency } from '../../../lambdas/core/config/schema';
import { evaluateDependency, selectPairs } from '../../../lambdas/core/reachability/evaluate-dependency';
import type { LayerResult, PairResult } from '../../../lambdas/core/verdict/types';
import {
  cidrPeer,
  defaultEgress,
  egress,
  ingress,
  naclEntry,
  openEntries,
  sgPeer,
} from '../support/builders';
import { BACKEND, NGINX, nginxToBackend, STALE, webBackendModel } from '../support/web-backend';

const layer = (pair: PairResult | undefined, name: LayerResult['layer']) =>
  pair?.layers.find((l) => l.layer === name);

describe('reachability incidents', () => {
  it('holds in the healthy scenario, on both ENIs of the backend', () => {
    // Prepare
    const model = webBackendModel();
    // Act
    const result = evaluateDependency(model, nginxToBackend);
    // Assess
    expect(result.status).toBe('reachable');
    expect(result.pairs.map((p) => [p.sourceEniId, p.destinationEniId, p.reachable])).toEqual([
      ['eni-0nginx', 'eni-0backend1', true],
      ['eni-0nginx', 'eni-0backend2', true],
    ]);
    expect(result.sourceGroupIds).toEqual([NGINX]);
    expect(result.destinationGroupIds).toEqual([BACKEND]);
    expect(result.fixes).toEqual([]);
  });

  it('(a) blocks at sg-ingress when the 8080 rule from nginx is removed, and proposes an SG-to-SG rule', () => {
    // Prepare
    const model = webBackendModel({ backendRules: [defaultEgress()] });
    // Act
    const result = evaluateDependency(model, nginxToBackend);
    // Assess
    expect(result.status).toBe('blocked');
    expect(result.blockedBy).toEqual(['sg-ingress']);
    expect(result.fixes).toHaveLength(1);
    const fix = result.fixes[0];
    expect(fix?.awsCli).toBe(
      `aws ec2 authorize-security-group-ingress --group-id ${BACKEND} --ip-permissions ` +
        `'IpProtocol=tcp,FromPort=8080,ToPort=8080,UserIdGroupPairs=[{GroupId=${NGINX},Description="nginx-to-backend"}]'`,
    );
    expect(fix?.awsCli).toContain('UserIdGroupPairs');
    expect(JSON.stringify(result.fixes)).not.toContain('0.0.0.0/0');
    expect(fix?.terraform).toContain('resource "aws_vpc_security_group_ingress_rule"');
    expect(fix?.terraform).toContain(`referenced_security_group_id = "${NGINX}"`);
    expect(fix?.terraform).toMatch(/from_port\s+= 8080/);
    expect(layer(result.pairs[0], 'sg-ingress')?.detail).toContain('10.0.0.10');
  });

  it('(b) blocks the pair of a secondary ENI whose group was replaced by a stale one, not the primary', () => {
    // Prepare
    const before = webBackendModel();
    const after = webBackendModel({ secondaryGroups: [STALE] });
    const pairs = selectPairs(before, nginxToBackend);
    // Act
    const result = evaluateDependency(after, nginxToBackend, { pairs });
    // Assess
    expect(result.status).toBe('blocked');
    expect(result.pairs.map((p) => [p.destinationEniId, p.reachable])).toEqual([
      ['eni-0backend1', true],
      ['eni-0backend2', false],
    ]);
    expect(layer(result.pairs[1], 'sg-ingress')?.status).toBe('block');
    expect(result.fixes.map((f) => f.awsCli)).toEqual([
      `aws ec2 modify-network-interface-attribute --network-interface-id eni-0backend2 --groups ${STALE} ${BACKEND}`,
    ]);
    expect(result.fixes[0]?.terraform).toContain('aws_network_interface_sg_attachment');
  });

  it('(b) drops the secondary ENI from the after-selection when no pairs are given', () => {
    // Prepare
    const after = webBackendModel({ secondaryGroups: [STALE] });
    // Act
    const result = evaluateDependency(after, nginxToBackend);
    // Assess
    expect(result.pairs.map((p) => p.destinationEniId)).toEqual(['eni-0backend1']);
  });

  it('(c) blocks at nacl-return when the backend subnet denies ephemeral egress', () => {
    // Prepare
    const deny = naclEntry({
      ruleNumber: 90,
      egress: true,
      action: 'deny',
      protocol: 'tcp',
      ports: [1024, 65535],
    });
    const model = webBackendModel({ appEntries: [deny, ...openEntries()] });
    // Act
    const result = evaluateDependency(model, nginxToBackend);
    // Assess
    expect(result.status).toBe('blocked');
    expect(result.blockedBy).toEqual(['nacl-return']);
    const ret = layer(result.pairs[0], 'nacl-return');
    expect(ret?.detail).toContain('acl-0app #90 denies tcp 1024-65535 to 10.0.0.10');
    expect(ret?.decidedBy).toBe('acl-0app#90');
    expect(layer(result.pairs[0], 'nacl-inbound')?.status).toBe('allow');
    expect(result.fixes.map((f) => f.awsCli)).toEqual([
      'aws ec2 create-network-acl-entry --network-acl-id acl-0app --egress --rule-number 89 --protocol 6 ' +
        '--port-range From=1024,To=65535 --cidr-block 10.0.0.10/32 --rule-action allow',
    ]);
    expect(result.fixes[0]?.summary).toContain('subnet');
    expect(result.fixes[0]?.terraform).toContain('resource "aws_network_acl_rule"');
  });

  it('(c) names only the denied part of the ephemeral range', () => {
    // Prepare
    const deny = naclEntry({
      ruleNumber: 90,
      egress: true,
      action: 'deny',
      protocol: 'tcp',
      ports: [32768, 60999],
    });
    const model = webBackendModel({ appEntries: [deny, ...openEntries()] });
    // Act
    const result = evaluateDependency(model, nginxToBackend);
    // Assess
    expect(layer(result.pairs[0], 'nacl-return')?.detail).toContain(
      '#90 denies tcp 32768-60999 to 10.0.0.10',
    );
  });

  it('(d) blocks a dependency of a group to itself when the self-reference is removed', () => {
    // Prepare
    const cluster: Dependency = {
      name: 'backend-cluster',
      from: { groupId: BACKEND },
      to: { groupId: BACKEND },
      protocol: 'tcp',
      port: 8080,
    };
    const before = webBackendModel({
      backendRules: [ingress('tcp', 8080, 8080, sgPeer(BACKEND)), defaultEgress()],
    });
    const after = webBackendModel({ backendRules: [defaultEgress()] });
    // Act
    const held = evaluateDependency(before, cluster);
    const broken = evaluateDependency(after, cluster);
    // Assess
    expect(held.status).toBe('reachable');
    expect(held.pairs).toHaveLength(2);
    expect(broken.status).toBe('blocked');
    expect(broken.blockedBy).toEqual(['sg-ingress']);
    expect(broken.fixes.map((f) => f.awsCli)).toEqual([
      `aws ec2 authorize-security-group-ingress --group-id ${BACKEND} --ip-permissions ` +
        `'IpProtocol=tcp,FromPort=8080,ToPort=8080,UserIdGroupPairs=[{GroupId=${BACKEND},Description="backend-cluster"}]'`,
    ]);
  });

  it('(e) skips NACLs when both ENIs are in the same subnet, even a deny-all NACL', () => {
    // Prepare
    const denyAll = [true, false].map((e) => naclEntry({ ruleNumber: 1, egress: e, action: 'deny' }));
    const cluster: Dependency = {
      name: 'cluster',
      from: { groupId: BACKEND },
      to: { groupId: BACKEND },
      protocol: 'tcp',
      port: 8080,
    };
    const model = webBackendModel({
      backendRules: [ingress('tcp', 8080, 8080, sgPeer(BACKEND)), defaultEgress()],
      appEntries: denyAll,
    });
    // Act
    const result = evaluateDependency(model, cluster);
    // Assess
    expect(result.status).toBe('reachable');
    const nacls = result.pairs[0]?.layers.filter((l) => l.layer.startsWith('nacl'));
    expect(nacls?.map((l) => l.status)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(nacls?.[0]?.detail).toContain('subnet-app');
  });

  it('(f) reports NACLs as not evaluated, never allowed, when they are not loaded', () => {
    // Prepare
    const model = webBackendModel({ nacls: false });
    // Act
    const result = evaluateDependency(model, nginxToBackend);
    // Assess
    expect(result.status).toBe('reachable');
    expect(result.notEvaluated).toEqual(['nacl-outbound', 'nacl-inbound', 'nacl-return']);
    const statuses = result.pairs[0]?.layers.map((l) => [l.layer, l.status]);
    expect(statuses).toEqual([
      ['sg-egress', 'allow'],
      ['nacl-outbound', 'not-evaluated'],
      ['nacl-inbound', 'not-evaluated'],
      ['sg-ingress', 'allow'],
      ['nacl-return', 'not-evaluated'],
    ]);
  });

  it('(f) reports a subnet without a known NACL as not evaluated', () => {
    // Prepare
    const base = webBackendModel();
    const model = base.with({ nacls: [...base.nacls()].filter((n) => n.naclId !== 'acl-0app') });
    // Act
    const result = evaluateDependency(model, nginxToBackend);
    // Assess
    expect(result.notEvaluated).toEqual(['nacl-inbound', 'nacl-return']);
    expect(layer(result.pairs[0], 'nacl-inbound')?.detail).toContain('subnet-app');
    expect(layer(result.pairs[0], 'nacl-outbound')?.status).toBe('allow');
  });

  it('(g) blocks at sg-egress when nginx egress is restricted, and proposes the mirror egress rule', () => {
    // Prepare
    const model = webBackendModel({ nginxRules: [egress('tcp', 443, 443, cidrPeer('0.0.0.0/0'))] });
    // Act
    const result = evaluateDependency(model, nginxToBackend);
    // Assess
    expect(result.blockedBy).toEqual(['sg-egress']);
    expect(result.fixes.map((f) => f.awsCli)).toEqual([
      `aws ec2 authorize-security-group-egress --group-id ${NGINX} --ip-permissions ` +
        `'IpProtocol=tcp,FromPort=8080,ToPort=8080,UserIdGroupPairs=[{GroupId=${BACKEND},Description="nginx-to-backend"}]'`,
    ]);
    expect(result.fixes[0]?.terraform).toContain('resource "aws_vpc_security_group_egress_rule"');
    expect(result.fixes[0]?.terraform).toContain(`referenced_security_group_id = "${BACKEND}"`);
  });
});
