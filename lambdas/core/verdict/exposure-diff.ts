import type { GuardianConfig } from '../config/schema';
import type { NetworkModel } from '../model/types';
import { evaluateExposure } from '../rules/evaluate-exposure';
import { stableId } from '../util/hash';
import { subtractRanges } from '../util/ports';
import type { Finding, Severity } from './types';

export interface ExposureDiff {
  /** Exposure that is new after the change (only the newly opened ports), and rule errors. */
  readonly findings: readonly Finding[];
  readonly notEvaluated: readonly string[];
}

const RANK: Readonly<Record<Severity, number>> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/**
 * World exposure of the changed groups after the change minus what was already open before it.
 * Exposure counts as already there when the same rule reported the same ports at least as severely
 * (as much of the world or more): growing from a /8 to the whole internet is new, narrowing is not.
 * `before` undefined = prior unknown: everything open after is reported (flagged in the explanation).
 */
export function diffExposure(
  groupIds: readonly string[],
  before: NetworkModel | undefined,
  after: NetworkModel,
  config: GuardianConfig,
): ExposureDiff {
  const now = evaluateExposure(after, config, { groupIds });
  const then = before ? evaluateExposure(before, config, { groupIds }).findings : [];
  const previous = new Map<string, Finding[]>();
  for (const f of then) previous.set(slot(f), [...(previous.get(slot(f)) ?? []), f]);
  const findings: Finding[] = [];
  for (const f of now.findings) {
    if (f.kind === 'rule-error') {
      findings.push(f);
      continue;
    }
    if (!before) {
      findings.push({ ...f, explanation: `${f.explanation} (the state before the change is unknown)` });
      continue;
    }
    const old = (previous.get(slot(f)) ?? []).filter((o) => RANK[o.severity] >= RANK[f.severity]);
    if (old.length === 0) findings.push(f);
    else if (f.ports && old.every((o) => o.ports)) {
      const opened = subtractRanges(
        f.ports,
        old.flatMap((o) => o.ports ?? []),
      );
      if (opened.length) findings.push({ ...f, ports: opened, id: stableId('fnd', [slot(f), opened]) });
    }
  }
  return { findings, notEvaluated: now.notEvaluated };
}

function slot(f: Finding): string {
  return [f.kind, f.ruleId, f.groupId, f.direction, f.protocol].join('|');
}
