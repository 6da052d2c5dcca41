import type { CannotJudge, PlanReport } from '../../core/plan/types';
import type { Finding } from '../../core/verdict/types';
import { describePlanOp } from './describe-plan-op';

/** The machine-readable shape of `sg-guardian preflight --json`. */
export function toPreflightJson(report: PlanReport) {
  return {
    verdict: report.verdict,
    resources: report.resources.map((r) => ({
      address: r.address,
      type: r.type,
      actions: r.actions,
      changes: r.ops.map(describePlanOp),
      findings: r.findings.map((f) => ({ ...finding(f), transient: f.transient })),
      cannotJudge: r.cannotJudge.map(unjudged),
      notes: r.notes,
      notEvaluated: r.notEvaluated,
    })),
    net: {
      findings: report.net.findings.map((f) => ({ ...finding(f), addresses: f.addresses })),
      preexisting: report.net.preexisting.map((f) => ({
        kind: f.kind,
        dependency: f.dependency,
        blockedBy: f.blockedBy,
      })),
      notEvaluated: report.net.notEvaluated,
    },
    cannotJudge: report.cannotJudge.map(unjudged),
    skipped: report.skipped,
  };
}

function finding(f: Finding) {
  return {
    id: f.id,
    kind: f.kind,
    ruleId: f.ruleId,
    severity: f.severity,
    title: f.title,
    groupId: f.groupId,
    ...(f.dependency ? { dependency: f.dependency } : {}),
    ...(f.blockedBy ? { blockedBy: f.blockedBy } : {}),
    ...(f.direction ? { direction: f.direction } : {}),
    ...(f.protocol ? { protocol: f.protocol } : {}),
    ...(f.ports ? { ports: f.ports } : {}),
    ...(f.peers ? { peers: f.peers } : {}),
    ...(f.fixes?.length ? { fixes: f.fixes.map((x) => x.terraform) } : {}),
  };
}

function unjudged(c: CannotJudge) {
  return { address: c.address, ...(c.attribute ? { attribute: c.attribute } : {}), reason: c.reason };
}
