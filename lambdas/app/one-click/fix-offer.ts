import type { Fix, Verdict } from '../../core/verdict/types';

/**
 * The fix one click may apply: a violation the guardian only notified (launches, attaches, templates,
 * an unknown prior), that has no revert steps, and whose findings carry exactly one distinct one-call
 * fix (`Fix.apply`). Two different one-call fixes are ambiguous: none is offered (people still see them).
 */
export function fixOffer(verdict: Verdict): Fix | undefined {
  if (verdict.verdict !== 'violation' || verdict.action !== 'notify') return undefined;
  if (verdict.findings.length === 0 || verdict.revert.steps.length > 0) return undefined;
  const distinct = new Map<string, Fix>();
  for (const finding of verdict.findings)
    for (const fix of finding.fixes ?? [])
      if (fix.apply) {
        const key = JSON.stringify([fix.apply.api, fix.apply.input]);
        if (!distinct.has(key)) distinct.set(key, fix);
      }
  return distinct.size === 1 ? [...distinct.values()][0] : undefined;
}
