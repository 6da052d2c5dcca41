import type { GuardianConfig } from '../config/schema';
import type { Actor } from '../events/types';
import type { NetworkModel } from '../model/types';

/** An exempt principal: exact ARN, or a prefix when the pattern ends with `*`. */
export function exemptPrincipal(actor: Actor | undefined, config: GuardianConfig): string | undefined {
  const arns = [actor?.arn, actor?.sessionIssuerArn].filter((a): a is string => !!a);
  return config.exemptions.principals.find((pattern) =>
    arns.some((arn) => (pattern.endsWith('*') ? arn.startsWith(pattern.slice(0, -1)) : arn === pattern)),
  );
}

/**
 * The first group carrying a break-glass tag whose ISO time is still in the future.
 * An unparseable tag value does not exempt (and is reported by the caller through the reason).
 */
export function breakGlass(
  groupIds: readonly string[],
  model: NetworkModel,
  config: GuardianConfig,
  now: Date,
): { groupId: string; until: string } | undefined {
  const tag = config.exemptions.breakGlassTag;
  for (const groupId of groupIds) {
    const until = model.group(groupId)?.tags[tag];
    if (until === undefined) continue;
    const time = Date.parse(until);
    if (!Number.isNaN(time) && time > now.getTime()) return { groupId, until };
  }
  return undefined;
}
