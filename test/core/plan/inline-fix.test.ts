import { describe, expect, it } from 'vitest';
import { inlineFix, inPlanStyle } from '../../../lambdas/core/plan/inline-fix';
import { hclString, terraformBlock } from '../../../lambdas/core/reachability/fix-format';
import type { Finding, Fix } from '../../../lambdas/core/verdict/types';

const INLINE = new Map([['sg-0backend123', 'aws_security_group.backend']]);

/** A fix whose Terraform is a rule resource written by the same writer the fixes use. */
function ruleFix(direction: 'ingress' | 'egress', attributes: Record<string, string | number>): Fix {
  const hcl = Object.entries(attributes).map(
    ([k, v]) => [k, typeof v === 'number' ? String(v) : hclString(v)] as [string, string],
  );
  return {
    layer: direction === 'ingress' ? 'sg-ingress' : 'sg-egress',
    summary: 'Allow it',
    awsCli: 'aws ec2 authorize-security-group-ingress …',
    terraform: terraformBlock(`aws_vpc_security_group_${direction}_rule`, 'fix', [
      ['security_group_id', hclString('sg-0backend123')],
      ...hcl,
    ]),
  };
}

const COMMENT =
  '# add to resource aws_security_group.backend (sg-0backend123): the plan writes its rules inline, ' +
  'and a separate rule resource would fight them on every apply';

describe('a rule-resource fix as an inline block', () => {
  it.each([
    [
      'an SG-to-SG rule lists the group in security_groups',
      ruleFix('ingress', { referenced_security_group_id: 'sg-0nginx456', ip_protocol: 'tcp', from_port: 8080, to_port: 8080, description: 'nginx-to-backend' }),
      ['ingress {', '  description     = "nginx-to-backend"', '  protocol        = "tcp"', '  from_port       = 8080', '  to_port         = 8080', '  security_groups = ["sg-0nginx456"]', '}'],
    ],
    [
      'a rule referencing the group itself is self = true',
      ruleFix('ingress', { referenced_security_group_id: 'sg-0backend123', ip_protocol: 'tcp', from_port: 6379, to_port: 6379 }),
      ['ingress {', '  protocol  = "tcp"', '  from_port = 6379', '  to_port   = 6379', '  self      = true', '}'],
    ],
    [
      'all traffic gets from_port and to_port 0',
      ruleFix('egress', { referenced_security_group_id: 'sg-0cache321', ip_protocol: '-1' }),
      ['egress {', '  protocol        = "-1"', '  from_port       = 0', '  to_port         = 0', '  security_groups = ["sg-0cache321"]', '}'],
    ],
    [
      'ICMP keeps -1 / -1 (every type and code)',
      ruleFix('ingress', { referenced_security_group_id: 'sg-0nginx456', ip_protocol: 'icmp', from_port: -1, to_port: -1 }),
      ['ingress {', '  protocol        = "icmp"', '  from_port       = -1', '  to_port         = -1', '  security_groups = ["sg-0nginx456"]', '}'],
    ],
    [
      'a CIDR goes to cidr_blocks',
      ruleFix('egress', { cidr_ipv4: '10.0.1.10/32', ip_protocol: 'tcp', from_port: 443, to_port: 443 }),
      ['egress {', '  protocol    = "tcp"', '  from_port   = 443', '  to_port     = 443', '  cidr_blocks = ["10.0.1.10/32"]', '}'],
    ],
  ])('%s', (_name, fix, block) => {
    // Act
    const restyled = inlineFix(fix, INLINE);

    // Assess
    expect(restyled.terraform.split('\n')).toEqual([COMMENT, ...block]);
    expect({ ...restyled, terraform: fix.terraform }).toEqual(fix);
  });

  it.each([
    ['the group is not written inline', ruleFix('ingress', { referenced_security_group_id: 'sg-0nginx456', ip_protocol: 'tcp', from_port: 80, to_port: 80 }), new Map([['sg-0other', 'aws_security_group.other']])],
    ['an attribute an inline block cannot say', ruleFix('ingress', { referenced_security_group_id: 'sg-0nginx456', ip_protocol: 'tcp', from_port: 80, to_port: 80, tags: 'x' }), INLINE],
    ['two peers in one rule', ruleFix('ingress', { referenced_security_group_id: 'sg-0nginx456', cidr_ipv4: '10.0.0.0/8', ip_protocol: 'tcp', from_port: 80, to_port: 80 }), INLINE],
    [
      'not a rule resource',
      {
        layer: 'sg-ingress',
        summary: 'attach',
        awsCli: 'aws ec2 modify-network-interface-attribute …',
        terraform: terraformBlock('aws_network_interface_sg_attachment', 'a', [['security_group_id', hclString('sg-0backend123')]]),
      } satisfies Fix,
      INLINE,
    ],
  ])('keeps the fix as it is when %s', (_name, fix, inline) => {
    // Act
    const restyled = inlineFix(fix, inline);

    // Assess
    expect(restyled).toBe(fix);
  });

  it('names a new group by its address alone (its id is known only after apply)', () => {
    // Prepare
    const fix = {
      ...ruleFix('ingress', { ip_protocol: 'tcp', from_port: 22, to_port: 22, referenced_security_group_id: 'sg-0nginx456' }),
    };
    const created = { ...fix, terraform: fix.terraform.replace('"sg-0backend123"', '"aws_security_group.bastion"') };

    // Act
    const restyled = inlineFix(created, new Map([['aws_security_group.bastion', 'aws_security_group.bastion']]));

    // Assess
    expect(restyled.terraform.split('\n')[0]).toBe(
      '# add to resource aws_security_group.bastion: the plan writes its rules inline, and a separate rule resource would fight them on every apply',
    );
  });

  it('restyles only the findings that carry such a fix, keeping the others as they are', () => {
    // Prepare
    const base = { id: 'f', kind: 'dependency-broken', ruleId: 'SG-DEPENDENCY-BROKEN', severity: 'critical', title: 't', explanation: 'e' } as const;
    const withFix: Finding = { ...base, fixes: [ruleFix('ingress', { referenced_security_group_id: 'sg-0nginx456', ip_protocol: 'tcp', from_port: 80, to_port: 80 })] };
    const without: Finding = { ...base, id: 'g' };

    // Act
    const [restyled, kept] = inPlanStyle([withFix, without], INLINE);

    // Assess
    expect(restyled?.fixes?.[0]?.terraform).toMatch(/^# add to resource aws_security_group\.backend/);
    expect(kept).toBe(without);
  });
});
