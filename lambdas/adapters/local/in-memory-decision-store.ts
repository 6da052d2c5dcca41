import type { Decision, DecisionStatus, DecisionStore, DecisionTransition } from '../../app/ports';

const REPLACEABLE: readonly DecisionStatus[] = ['pending', 'reverted', 'failed'];

/** Decisions in a map, with the DynamoDB store's rules (the local demo server and tests). */
export class InMemoryDecisionStore implements DecisionStore {
  readonly #decisions = new Map<string, Decision>();

  async savePending(decision: Decision): Promise<boolean> {
    const current = this.#decisions.get(decision.findingId);
    if (current && !REPLACEABLE.includes(current.status)) return false;
    this.#decisions.set(decision.findingId, {
      findingId: decision.findingId,
      eventId: decision.eventId,
      verdict: decision.verdict,
      createdAt: decision.createdAt,
      status: 'pending',
      ...(decision.fix && { fix: decision.fix }),
    });
    return true;
  }

  async get(findingId: string): Promise<Decision | undefined> {
    return this.#decisions.get(findingId);
  }

  async transition(findingId: string, move: DecisionTransition): Promise<Decision | undefined> {
    const current = this.#decisions.get(findingId);
    if (!current || current.eventId !== move.eventId) return undefined;
    const stale =
      move.staleReverting !== undefined &&
      current.status === 'reverting' &&
      (current.decidedAt ?? '') < move.staleReverting;
    if (!move.from.includes(current.status) && !stale) return undefined;
    const { outcome: _last, ...rest } = current;
    const next: Decision = {
      ...rest,
      status: move.to,
      decidedAt: move.at,
      ...(move.decidedBy !== undefined && { decidedBy: move.decidedBy }),
      ...(move.outcome && { outcome: move.outcome }),
    };
    this.#decisions.set(findingId, next);
    return next;
  }

  async keptAmong(findingIds: readonly string[]): Promise<ReadonlySet<string>> {
    return new Set(findingIds.filter((id) => this.#decisions.get(id)?.status === 'kept'));
  }

  /** Every decision, for the demo's list of links. */
  all(): Decision[] {
    return [...this.#decisions.values()];
  }
}
