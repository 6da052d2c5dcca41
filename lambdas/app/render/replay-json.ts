import type { ReplaySummary } from '../../core/replay/types';
import { describeChange } from './describe-change';

/** The machine-readable shape of `sg-guardian replay --json`: the summary, each change also described. */
export function toReplayJson(s: ReplaySummary) {
  const describe = <T extends ReplaySummary['violations']['items'][number]>(v: T) => ({
    ...v,
    ...(v.change ? { description: describeChange(v.change) } : {}),
  });
  return {
    ...s,
    violations: { total: s.violations.total, items: s.violations.items.map(describe) },
    reverts: { total: s.reverts.total, items: s.reverts.items.map(describe) },
  };
}
