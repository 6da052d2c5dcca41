import type { BreakGlassOpening, BreakGlassOpenings, ExemptionNotice } from './break-glass';

/**
 * When each group's break-glass tag was set, learnt from the verdicts of the tag changes themselves
 * (their `exemptions` notices): what a replay of history, or the audit log, knows and a snapshot does not.
 */
export class BreakGlassLedger {
  readonly #openings = new Map<string, BreakGlassOpening>();

  get openings(): BreakGlassOpenings {
    return this.#openings;
  }

  /** Opened / changed: remember the value and when it was set; closed: forget. */
  note(notices: readonly ExemptionNotice[] | undefined): void {
    for (const n of notices ?? []) {
      if (n.event === 'closed') this.#openings.delete(n.groupId);
      else if ((n.event === 'opened' || n.event === 'changed') && n.until !== undefined && n.openedAt !== undefined)
        this.#openings.set(n.groupId, { groupId: n.groupId, until: n.until, openedAt: n.openedAt });
    }
  }
}

/**
 * The openings of `groupIds` from audit-like entries of each group, newest first: the newest entry
 * that opened, changed or closed its exemption decides (closed: nothing open).
 */
export function openingsFrom(
  entriesByGroup: ReadonlyMap<string, readonly { readonly exemptions?: readonly ExemptionNotice[] }[]>,
): BreakGlassOpenings {
  const ledger = new BreakGlassLedger();
  for (const [groupId, entries] of entriesByGroup) {
    const latest = entries
      .flatMap((e) => e.exemptions ?? [])
      .find((n) => n.groupId === groupId && n.event !== 'over-limit');
    if (latest) ledger.note([latest]);
  }
  return ledger.openings;
}
