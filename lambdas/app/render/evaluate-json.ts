import type { Verdict } from '../../core/verdict/types';
import { findingJson, preexistingJson } from './finding-json';

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
      ...(v.exemptions?.length ? { exemptions: v.exemptions } : {}),
      findings: v.findings.map((f) => findingJson(f, 'awsCli')),
      preexisting: v.preexisting.map(preexistingJson),
      notEvaluated: v.notEvaluated,
      revertStatus: v.revert.status,
      revert: v.revert.steps.map((s) => ({ api: s.api, input: s.input })),
    })),
  };
}
