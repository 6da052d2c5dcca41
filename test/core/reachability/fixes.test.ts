import { describe, expect, it } from 'vitest';
import type { Dependency } from '../../../lambdas/core/config/schema';
import { evaluateDependency } from '../../../lambdas/core/reachability/evaluate-dependency';
import { pickRuleNumber } from '../../../lambdas/core/reachability/nacl-fix';
import { cidrPeer, defaultEgress, egress, naclEntry, openEntries } from '../support/builders';
import { BACKEND, NGINX, nginxToBackend, webBackendModel } from '../support/web-backend';

describe('pickRuleNumber', () => {
  it('takes the first free number below the denying entry', () => {
    // Prepare
    const used = new Set([88, 89, 90, 100]);
    // Act
    const n = pickRuleNumber(used, 90);
    // Assess
    expect(n).toBe(87);
  });

  it('goes after the last used number when only the default deny blocked', () => {
    // Prepare
    const used = new Set([100, 110, 32767]);
    // Act
    const n = pickRuleNumber(used);
    // Assess
    expect(n).toBe(111);
  });

  it('gives up when every number below the denying entry is used', () => {
    // Prepare
    const used = new Set([1, 2, 3]);
    // Act
    const n = pickRuleNumber(used, 3);
    // Assess
    expect(n).toBeUndefined();
  });
});

describe('least-privilege fixes', () => {
  it('proposes one /32 entry per destination IP on nacl-outbound, each with its own number below the deny', () => {
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
    expect(result.blockedBy).toEqual(['nacl-outbound']);
    expect(result.fixes.map((f) => f.awsCli)).toEqual([
      'aws ec2 create-network-acl-entry --network-acl-id acl-0web --egress --rule-number 49 --protocol 6 --port-range From=8080,To=8080 --cidr-block 10.0.1.15/32 --rule-action allow',
      'aws ec2 create-network-acl-entry --network-acl-id acl-0web --egress --rule-number 48 --protocol 6 --port-range From=8080,To=8080 --cidr-block 10.0.1.16/32 --rule-action allow',
    ]);
    expect(JSON.stringify(result.fixes)).not.toContain('0.0.0.0/0');
  });

  it('proposes an ingress entry after the last one when only the default deny blocks nacl-inbound', () => {
    // Prepare
    const onlySsh = [
      naclEntry({ ruleNumber: 100, egress: false, protocol: 'tcp', ports: [22, 22] }),
      naclEntry({
        ruleNumber: 110,
        egress: false,
        protocol: 'tcp',
        cidr: '10.0.0.0/16',
        ports: [32768, 65535],
      }),
      naclEntry({ ruleNumber: 100, egress: true }),
    ];
    const model = webBackendModel({ appEntries: onlySsh });
    // Act
    const result = evaluateDependency(model, nginxToBackend);
    // Assess
    expect(result.blockedBy).toEqual(['nacl-inbound']);
    const inbound = result.pairs[0]?.layers.find((l) => l.layer === 'nacl-inbound');
    expect(inbound?.detail).toContain('default deny');
    expect(inbound?.decidedBy).toBe('acl-0app#*');
    expect(result.fixes.map((f) => f.awsCli)).toEqual([
      'aws ec2 create-network-acl-entry --network-acl-id acl-0app --ingress --rule-number 111 --protocol 6 --port-range From=8080,To=8080 --cidr-block 10.0.0.10/32 --rule-action allow',
    ]);
    expect(result.fixes[0]?.terraform).toMatch(/egress\s+= false/);
  });

  it('treats the listed * entry (32767) as the default deny when numbering a fix', () => {
    // Prepare
    const entries = [
      naclEntry({ ruleNumber: 100, egress: false, protocol: 'tcp', ports: [443, 443] }),
      naclEntry({ ruleNumber: 32767, egress: false, action: 'deny' }),
      naclEntry({ ruleNumber: 100, egress: true }),
    ];
    const model = webBackendModel({ appEntries: entries });
    // Act
    const result = evaluateDependency(model, nginxToBackend);
    // Assess
    const inbound = result.pairs[0]?.layers.find((l) => l.layer === 'nacl-inbound');
    expect(inbound?.detail).toBe('acl-0app * (default) denies tcp 8080 from 10.0.0.10');
    expect(result.fixes[0]?.awsCli).toContain('--ingress --rule-number 101 ');
  });

  it('fixes the return path on both subnets when both deny it', () => {
    // Prepare
    const appDeniesReplies = naclEntry({
      ruleNumber: 90,
      egress: true,
      action: 'deny',
      protocol: 'tcp',
      ports: [1024, 65535],
    });
    const webDeniesReplies = naclEntry({
      ruleNumber: 70,
      egress: false,
      action: 'deny',
      protocol: '-1',
      cidr: '10.0.1.0/24',
    });
    const model = webBackendModel({
      appEntries: [appDeniesReplies, ...openEntries()],
      webEntries: [webDeniesReplies, ...openEntries()],
    });
    // Act
    const result = evaluateDependency(model, nginxToBackend);
    // Assess
    expect(result.blockedBy).toEqual(['nacl-return']);
    expect(result.fixes.map((f) => f.awsCli)).toEqual([
      'aws ec2 create-network-acl-entry --network-acl-id acl-0app --egress --rule-number 89 --protocol 6 --port-range From=1024,To=65535 --cidr-block 10.0.0.10/32 --rule-action allow',
      'aws ec2 create-network-acl-entry --network-acl-id acl-0web --ingress --rule-number 69 --protocol 6 --port-range From=1024,To=65535 --cidr-block 10.0.1.15/32 --rule-action allow',
      'aws ec2 create-network-acl-entry --network-acl-id acl-0web --ingress --rule-number 68 --protocol 6 --port-range From=1024,To=65535 --cidr-block 10.0.1.16/32 --rule-action allow',
    ]);
  });

  it('writes icmp rules for all types and all-traffic rules without ports', () => {
    // Prepare
    const ping: Dependency = {
      name: 'ping',
      from: { groupId: NGINX },
      to: { groupId: BACKEND },
      protocol: 'icmp',
    };
    const all: Dependency = {
      name: 'all',
      from: { groupId: NGINX },
      to: { groupId: BACKEND },
      protocol: 'all',
    };
    const model = webBackendModel({ backendRules: [defaultEgress()] });
    // Act
    const icmpFix = evaluateDependency(model, ping).fixes[0];
    const allFix = evaluateDependency(model, all).fixes[0];
    // Assess
    expect(icmpFix?.awsCli).toContain(
      `'IpProtocol=icmp,FromPort=-1,ToPort=-1,UserIdGroupPairs=[{GroupId=${NGINX}`,
    );
    expect(allFix?.awsCli).toContain(`'IpProtocol=-1,UserIdGroupPairs=[{GroupId=${NGINX}`);
    expect(allFix?.terraform).not.toContain('from_port');
  });

  it('does not propose an SG rule that already exists when only the ENI lost the group', () => {
    // Prepare
    const model = webBackendModel({ secondaryGroups: [] });
    // Act
    const result = evaluateDependency(model, nginxToBackend, {
      pairs: [{ sourceEniId: 'eni-0nginx', destinationEniId: 'eni-0backend2' }],
    });
    // Assess
    expect(result.fixes.map((f) => f.awsCli)).toEqual([
      `aws ec2 modify-network-interface-attribute --network-interface-id eni-0backend2 --groups ${BACKEND}`,
    ]);
  });

  it('uses IPv6 /128 entries between IPv6-only ENIs when the NACLs only allow IPv4', () => {
    // Prepare
    const base = webBackendModel({ nginxRules: [defaultEgress(), egress('-1', -1, -1, cidrPeer('::/0'))] });
    const v6: Record<string, string> = { 'eni-0nginx': '2001:db8::10', 'eni-0backend1': '2001:db8:1::15' };
    const enis = [...base.enis()].map((e) =>
      v6[e.eniId] ? { ...e, privateIps: [], ipv6Addresses: [v6[e.eniId]!] } : e,
    );
    const model = base.with({ enis });
    // Act
    const result = evaluateDependency(model, nginxToBackend, {
      pairs: [{ sourceEniId: 'eni-0nginx', destinationEniId: 'eni-0backend1' }],
    });
    // Assess
    expect(result.pairs[0]?.sourceIp).toBe('2001:db8::10');
    expect(result.blockedBy).toEqual(['nacl-outbound', 'nacl-inbound', 'nacl-return']);
    expect(result.fixes.map((f) => f.awsCli)).toEqual([
      'aws ec2 create-network-acl-entry --network-acl-id acl-0web --egress --rule-number 101 --protocol 6 --port-range From=8080,To=8080 --ipv6-cidr-block 2001:db8:1::15/128 --rule-action allow',
      'aws ec2 create-network-acl-entry --network-acl-id acl-0app --ingress --rule-number 101 --protocol 6 --port-range From=8080,To=8080 --ipv6-cidr-block 2001:db8::10/128 --rule-action allow',
      'aws ec2 create-network-acl-entry --network-acl-id acl-0app --egress --rule-number 101 --protocol 6 --port-range From=1024,To=65535 --ipv6-cidr-block 2001:db8::10/128 --rule-action allow',
      'aws ec2 create-network-acl-entry --network-acl-id acl-0web --ingress --rule-number 101 --protocol 6 --port-range From=1024,To=65535 --ipv6-cidr-block 2001:db8:1::15/128 --rule-action allow',
    ]);
    expect(result.fixes[0]?.terraform).toContain('ipv6_cidr_block = "2001:db8:1::15/128"');
  });
});
