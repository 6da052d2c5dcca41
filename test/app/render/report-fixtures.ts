import type { GuardrailReport, Mode, RevertOutcome } from '../../../lambdas/app/ports';
import { judge } from '../../../lambdas/core/verdict/judge';
import type { Finding, PairResult, Verdict } from '../../../lambdas/core/verdict/types';
import { loadExamples, NOW } from '../../support/examples';

export const CONTEXT = { accountId: '123456789012', region: 'eu-west-1' } as const;

/** Real verdicts from the example incidents: the revoked nginx rule and SSH opened to the world. */
export async function exampleVerdicts() {
  const { model, config, events } = await loadExamples();
  const verdictOf = (name: string) => judge({ event: events[name]!, model, config, now: NOW });
  return { revoke: verdictOf('01-revoke-8080-from-nginx'), ssh: verdictOf('05-ssh-open-to-world') };
}

export function reportOf(verdict: Verdict, revert?: RevertOutcome, mode: Mode = 'enforce'): GuardrailReport {
  return { verdict, mode, ...(revert ? { revert } : {}) };
}

/** Every step of the verdict's plan applied. */
export function revertedOutcome(verdict: Verdict): RevertOutcome {
  return { status: 'reverted', steps: verdict.revert.steps.map((step) => ({ step, status: 'applied' })) };
}

function pair(i: number): PairResult {
  return {
    sourceEniId: `eni-0src${i.toString().padStart(5, '0')}`,
    sourceIp: `10.0.${i % 250}.${(i % 200) + 10}`,
    destinationEniId: `eni-0dst${i.toString().padStart(5, '0')}`,
    destinationIp: `10.1.${i % 250}.${(i % 200) + 10}`,
    reachable: false,
    layers: [
      {
        layer: 'sg-egress',
        status: 'allow',
        detail: 'sg-0src egress: rule sgr-0e allows tcp 8080 to 0.0.0.0/0',
      },
      {
        layer: 'sg-ingress',
        status: 'block',
        detail: `no ingress rule of sg-0dst on eni-0dst${i} allows tcp 8080 from 10.0.${i % 250}.10 (a long explanation to make the pair line realistic)`,
      },
    ],
  };
}

function finding(i: number, pairs: number): Finding {
  return {
    id: `fnd-${i.toString(16).padStart(8, '0')}`,
    kind: i % 2 ? 'world-exposure' : 'dependency-broken',
    ruleId: 'SG-DEPENDENCY-BROKEN',
    severity: i === 7 ? 'critical' : 'high',
    title: `dependency-${i}: tcp/8080 blocked by sg-ingress`,
    explanation: `${pairs} of the ${pairs} ENI pair(s) this change touches can no longer connect. `.repeat(3),
    groupId: `sg-0group${i}`,
    dependency: `dependency-${i}`,
    protocol: 'tcp',
    ports: [{ from: 8080, to: 8080 }],
    blockedBy: ['sg-ingress'],
    pairs: Array.from({ length: pairs }, (_, p) => pair(p)),
    fixes: [
      {
        layer: 'sg-ingress',
        summary: `Allow tcp 8080 into sg-0group${i} from security group sg-0src (an SG-to-SG rule, no CIDR)`,
        awsCli: `aws ec2 authorize-security-group-ingress --group-id sg-0group${i} --ip-permissions 'IpProtocol=tcp,FromPort=8080,ToPort=8080,UserIdGroupPairs=[{GroupId=sg-0src,Description="dependency-${i}"}]'`,
        terraform: `resource "aws_vpc_security_group_ingress_rule" "r${i}" {\n  security_group_id = "sg-0group${i}"\n}`,
      },
    ],
  };
}

/** A pathological verdict: many findings, each with many broken pairs. */
export function bigVerdict(findings: number, pairsPerFinding: number): Verdict {
  return {
    eventId: '9e1c2f0a-1111-4222-8333-444455556666',
    eventName: 'RevokeSecurityGroupIngress',
    eventTime: '2026-11-20T03:42:05Z',
    verdict: 'violation',
    actor: {
      arn: 'arn:aws:iam::123456789012:user/alice',
      type: 'IAMUser',
      sourceIp: '203.0.113.45',
      via: 'console',
    },
    change: {
      kind: 'sg-rules-removed',
      groupId: 'sg-0group0',
      direction: 'ingress',
      rules: [],
      ruleIds: ['sgr-0abc'],
    },
    findings: Array.from({ length: findings }, (_, i) => finding(i, pairsPerFinding)),
    preexisting: [],
    notEvaluated: [],
    revert: {
      status: 'ready',
      steps: [
        {
          api: 'AuthorizeSecurityGroupIngress',
          input: {
            GroupId: 'sg-0group0',
            IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080 }],
          },
          iamAction: 'ec2:AuthorizeSecurityGroupIngress',
          summary: 'Re-authorize tcp 8080 on sg-0group0',
        },
      ],
    },
    action: 'notify',
    actionReason: 'exempt principal',
  };
}
