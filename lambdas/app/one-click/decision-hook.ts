import type { Verdict } from '../../core/verdict/types';
import type {
  Clock,
  DecisionLink,
  DecisionLinkSigner,
  DecisionReport,
  DecisionStore,
  GuardrailReport,
  Mode,
} from '../ports';
import { awaitsDecision, pendingDecisions } from './decisions';

export interface DecisionHookDeps {
  readonly decisions: DecisionStore;
  /** Signs one link per saved decision; without it, no links are sent. */
  readonly links?: DecisionLinkSigner;
  readonly clock: Clock;
  readonly mode: Mode;
}

/**
 * Runs once before the notifiers: drops findings someone chose to keep (unless the guardian wrote to
 * EC2, which people must always hear about), saves a pending decision per remaining finding BEFORE
 * anyone can click, and adds the signed links. undefined: nothing is left to notify.
 */
export function decisionHook(deps: DecisionHookDeps) {
  return async (report: GuardrailReport): Promise<DecisionReport | undefined> => {
    const verdict = await withoutKept(report, deps.decisions);
    if (!verdict) return undefined;
    const shown = verdict === report.verdict ? report : { ...report, verdict };
    if (!awaitsDecision(verdict, deps.mode)) return shown;
    const links: DecisionLink[] = [];
    const now = deps.clock.now();
    for (const decision of pendingDecisions(verdict, now)) {
      const saved = await deps.decisions.savePending(decision);
      if (saved && deps.links) links.push(await deps.links.linkFor(decision.findingId, now));
    }
    return links.length ? { ...shown, decisionLinks: links } : shown;
  };
}

async function withoutKept(report: GuardrailReport, store: DecisionStore): Promise<Verdict | undefined> {
  const { verdict, revert } = report;
  const wroteToEc2 = revert !== undefined && revert.status !== 'skipped';
  if (wroteToEc2 || verdict.verdict !== 'violation' || verdict.findings.length === 0) return verdict;
  const kept = await store.keptAmong(verdict.findings.map((f) => f.id));
  if (kept.size === 0) return verdict;
  const findings = verdict.findings.filter((f) => !kept.has(f.id));
  return findings.length ? { ...verdict, findings } : undefined;
}
