import { RULE_REGISTRY } from '../../core/rules/registry';
import type { Finding, Severity } from '../../core/verdict/types';

/** A kind of result a report can carry, with the help text code-scanning UIs show. */
export interface ReportRule {
  readonly id: string;
  readonly title: string;
  readonly help: string;
  readonly severity: Severity;
}

export const CANNOT_JUDGE_RULE_ID = 'PLAN-CANNOT-JUDGE';
const RULE_ERROR_ID = 'SG-RULE-ERROR';

/** Every rule a preflight result may name: broken dependencies, exposure rules, rule errors, unknowns. */
export const REPORT_RULES: readonly ReportRule[] = [
  {
    id: 'SG-DEPENDENCY-BROKEN',
    title: 'Declared dependency broken',
    help:
      'A connection declared under dependencies in guardian.yaml (for example nginx -> backend on ' +
      'tcp/8080) would stop working. The result names the ENI pairs and the blocking layer (SG egress, ' +
      'NACL outbound, NACL inbound, SG ingress, or the NACL return path on ephemeral ports 1024-65535) ' +
      'and a least-privilege fix: an SG-to-SG rule or a narrow NACL entry, never 0.0.0.0/0.',
    severity: 'critical',
  },
  ...RULE_REGISTRY.map((r) => ({ id: r.id, title: r.title, help: r.explanation, severity: r.severity })),
  {
    id: RULE_ERROR_ID,
    title: 'An exposure rule failed',
    help: 'An exposure rule threw on this group, so the group was not checked by it. Other rules still ran.',
    severity: 'high',
  },
  {
    id: CANNOT_JUDGE_RULE_ID,
    title: 'Planned change cannot be judged before apply',
    help:
      'A value this change depends on is known only after apply (for example the id of a group created ' +
      'in the same plan), names something the snapshot does not have, or belongs to a resource type ' +
      'preflight does not model. Nothing was assumed about it: review it by hand, or run preflight again ' +
      'once the value is known (after a first apply, or against a newer snapshot). preflight --strict ' +
      'makes this fail the run.',
    severity: 'medium',
  },
];

/** The report rule a finding belongs to. */
export function reportRuleId(f: Finding): string {
  return f.kind === 'rule-error' ? RULE_ERROR_ID : f.ruleId;
}
