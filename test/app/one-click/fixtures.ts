import { InMemoryDecisionStore } from '../../../lambdas/adapters/local/in-memory-decision-store';
import { InMemoryReverter } from '../../../lambdas/adapters/local/in-memory-reverter';
import type { DecideDeps } from '../../../lambdas/app/one-click/decide';
import { pendingDecisions } from '../../../lambdas/app/one-click/decisions';
import type { AuditEntry, Clock, Reverter } from '../../../lambdas/app/ports';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import type { ParsedEvent } from '../../../lambdas/core/events/types';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { judge } from '../../../lambdas/core/verdict/judge';
import type { Verdict } from '../../../lambdas/core/verdict/types';
import { loadExamples, NOW } from '../../support/examples';

export function notifyOnly(config: GuardianConfig): GuardianConfig {
  return { ...config, actions: { 'dependency-broken': 'notify', 'world-exposure': 'notify' } };
}

/** An example incident judged with policy notify: the verdict, and the account after the change landed. */
export async function notifiedIncident(name: string) {
  const { model, config, events } = await loadExamples();
  const event = events[name] as Extract<ParsedEvent, { status: 'parsed' }>;
  const verdict = judge({ event, model, config: notifyOnly(config), now: NOW });
  return {
    verdict,
    event,
    config: notifyOnly(config),
    before: model,
    after: applyChange(model, event.change).model,
  };
}

/** A clock one second further on each reading (audit records of one event need distinct times). */
export function tickingClock(start = NOW): Clock {
  let t = start.getTime();
  return {
    now: () => {
      t += 1000;
      return new Date(t);
    },
  };
}

/** Decide deps over memory: the account after the change, its reverter, a store holding the verdict's decisions. */
export async function decideWorld(verdict: Verdict, account: NetworkModel, reverter?: Reverter) {
  const state = { model: account };
  const audit: AuditEntry[] = [];
  const decisions = new InMemoryDecisionStore();
  for (const d of pendingDecisions(verdict, NOW)) await decisions.savePending(d);
  const deps: DecideDeps = {
    decisions,
    reverter: reverter ?? new InMemoryReverter({ get: () => state.model, set: (m) => (state.model = m) }),
    audit: { record: async (e) => void audit.push(e), forGroup: async () => [] },
    clock: tickingClock(),
    mode: 'enforce',
  };
  return { deps, decisions, audit, state };
}
