import type { GuardianConfig } from '../config/schema';
import type { NetworkModel } from '../model/types';
import { evaluateExposure } from '../rules/evaluate-exposure';
import { stableId } from '../util/hash';
import { subtractRanges } from '../util/ports';
import type { Finding } from './types';

export interface ExposureDiff {
  /** Exposure that is new after the change (only the newly opened ports), and rule errors. */
  readonly findings: readonly Finding[];
  readonly notEvaluated: readonly string[];
}

/**
 * World exposure of the changed groups after the change minus what was already open before it.
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
  const previous = new Map(then.map((f) => [slot(f), f]));
  const findings: Finding[] = [];
  for (const f of now.findings) {
    if (f.kind === 'rule-error') {
      findings.push(f);
      continue;
    }
    const old = previous.get(slot(f));
    if (!before)
      findings.push({ ...f, explanation: `${f.explanation} (the state before the change is unknown)` });
    else if (!old) findings.push(f);
    else if (f.ports && old.ports) {
      const opened = subtractRanges(f.ports, old.ports);
      if (opened.length) findings.push({ ...f, ports: opened, id: stableId('fnd', [slot(f), opened]) });
    }
  }
  return { findings, notEvaluated: now.notEvaluated };
}

function slot(f: Finding): string {
  return [f.kind, f.ruleId, f.groupId, f.direction, f.protocol].join('|');
}
