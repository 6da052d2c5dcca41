import type { Verdict } from '../../core/verdict/types';

/** The machine-readable shape of `sg-guardian evaluate --json`. */
export function toEvaluateJson(verdicts: readonly Verdict[]) {
  return {
    results: verdicts.map((v) => ({
      eventId: v.eventId,
      eventName: v.eventName,
      eventTime: v.eventTime,
      actor: v.actor?.arn,
      verdict: v.verdict,
      ...(v.reason ? { reason: v.reason } : {}),
      action: v.action,
      ...(v.actionReason ? { actionReason: v.actionReason } : {}),
      findings: v.findings.map((f) => ({
        id: f.id,
        kind: f.kind,
        severity: f.severity,
        title: f.title,
        groupId: f.groupId,
        ...(f.dependency ? { dependency: f.dependency } : {}),
        ...(f.blockedBy ? { blockedBy: f.blockedBy } : {}),
        ...(f.ports ? { ports: f.ports } : {}),
        ...(f.fixes?.length ? { fixes: f.fixes.map((x) => x.awsCli) } : {}),
      })),
      preexisting: v.preexisting.map((f) => ({
        kind: f.kind,
        dependency: f.dependency,
        blockedBy: f.blockedBy,
      })),
      notEvaluated: v.notEvaluated,
      revertStatus: v.revert.status,
      revert: v.revert.steps.map((s) => ({ api: s.api, input: s.input })),
    })),
  };
}
