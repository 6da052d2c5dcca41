import type { CannotJudge, PlanReport } from '../../core/plan/types';
import { describePlanOp } from './describe-plan-op';
import { findingJson, preexistingJson } from './finding-json';

/** The machine-readable shape of `sg-guardian preflight --json`. */
export function toPreflightJson(report: PlanReport) {
  return {
    verdict: report.verdict,
    resources: report.resources.map((r) => ({
      address: r.address,
      type: r.type,
      actions: r.actions,
      changes: r.ops.map(describePlanOp),
      findings: r.findings.map((f) => ({ ...findingJson(f, 'terraform'), transient: f.transient })),
      cannotJudge: r.cannotJudge.map(unjudged),
      notes: r.notes,
      notEvaluated: r.notEvaluated,
    })),
    net: {
      findings: report.net.findings.map((f) => ({ ...findingJson(f, 'terraform'), addresses: f.addresses })),
      preexisting: report.net.preexisting.map(preexistingJson),
      notEvaluated: report.net.notEvaluated,
    },
    cannotJudge: report.cannotJudge.map(unjudged),
    skipped: report.skipped,
  };
}

function unjudged(c: CannotJudge) {
  return { address: c.address, ...(c.attribute ? { attribute: c.attribute } : {}), reason: c.reason };
}
