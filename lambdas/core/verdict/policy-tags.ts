import type { GuardianConfig } from '../config/schema';
import type { Change } from '../events/types';

/** Every tag key the policy reads: selector tags, instance tags, and the break-glass tag. */
export function policyTagKeys(config: GuardianConfig): Set<string> {
  const keys = new Set<string>([config.exemptions.breakGlassTag]);
  const selectors = [
    ...config.dependencies.flatMap((d) => [d.from, d.to]),
    ...config.exposure.allowPublic.map((a) => a.groups),
  ];
  for (const s of selectors)
    for (const tags of [s.tags, s.instanceTags]) for (const key of Object.keys(tags ?? {})) keys.add(key);
  return keys;
}

/** For a tag change whose keys the policy never reads: why it is ok without judging it; else undefined. */
export function unusedTagChange(change: Change, config: GuardianConfig): string | undefined {
  if (change.kind !== 'tags-set' && change.kind !== 'tags-removed') return undefined;
  const keys =
    change.kind === 'tags-set' ? Object.keys(change.tags) : change.tags.map((t) => t.key);
  const used = policyTagKeys(config);
  if (keys.some((k) => used.has(k))) return undefined;
  return `tag key(s) ${keys.join(', ') || '(none)'} are not used by the policy (no selector or break-glass tag reads them)`;
}
