import type { GuardianConfig } from '../config/schema';
import type { Actor } from '../events/types';
import type { NetworkModel } from '../model/types';
import { type BreakGlassOpenings, type BreakGlassStatus, breakGlassStatus } from './break-glass';

/** An exempt principal: exact ARN, or a prefix when the pattern ends with `*`. */
export function exemptPrincipal(actor: Actor | undefined, config: GuardianConfig): string | undefined {
  const arns = [actor?.arn, actor?.sessionIssuerArn].filter((a): a is string => !!a);
  return config.exemptions.principals.find((pattern) =>
    arns.some((arn) => (pattern.endsWith('*') ? arn.startsWith(pattern.slice(0, -1)) : arn === pattern)),
  );
}

/**
 * The break-glass tags on these groups as they stand at `now` (see breakGlassStatus): expired tags are
 * left out. `openings` says when a tag was set, when the caller knows (replay, audit log).
 */
export function breakGlassTags(
  groupIds: readonly string[],
  model: NetworkModel,
  config: GuardianConfig,
  now: Date,
  openings?: BreakGlassOpenings,
): BreakGlassStatus[] {
  const tag = config.exemptions.breakGlassTag;
  const out: BreakGlassStatus[] = [];
  for (const groupId of new Set(groupIds)) {
    const until = model.group(groupId)?.tags[tag];
    if (until === undefined) continue;
    const opening = openings?.get(groupId);
    const openedAt = opening?.until === until ? opening.openedAt : undefined;
    const status = breakGlassStatus({ groupId, until, ...(openedAt && { openedAt }), config, now });
    const untilMs = Date.parse(until);
    if (!Number.isNaN(untilMs) && untilMs <= now.getTime()) continue;
    out.push(status);
  }
  return out;
}

/** The first break-glass tag that exempts at `now`, if any. */
export function breakGlass(
  groupIds: readonly string[],
  model: NetworkModel,
  config: GuardianConfig,
  now: Date,
  openings?: BreakGlassOpenings,
): BreakGlassStatus | undefined {
  return breakGlassTags(groupIds, model, config, now, openings).find((s) => s.honoured);
}
