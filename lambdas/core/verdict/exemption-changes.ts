import type { GuardianConfig } from '../config/schema';
import type { Actor, Change, EventMeta } from '../events/types';
import type { NetworkModel } from '../model/types';
import { type BreakGlassOpenings, type ExemptionNotice, breakGlassStatus } from './break-glass';
import { dependencyIndexFor } from './dependency-index';

/**
 * What a tag change does to break-glass exemptions: one notice per security group whose break-glass
 * tag it sets (opened / changed) or removes (closed), on groups the policy watches (see `isWatched`) or
 * that the known state does not hold (fail safe: whether they are watched cannot be told). The set
 * time is the event's time, unless the same value was already open (re-setting it does not extend it).
 */
export function exemptionChanges(input: {
  readonly change: Change;
  readonly meta: EventMeta;
  /** State before the change, when known. */
  readonly before?: NetworkModel | undefined;
  readonly after: NetworkModel;
  readonly config: GuardianConfig;
  readonly now: Date;
  readonly openings?: BreakGlassOpenings | undefined;
}): ExemptionNotice[] {
  const { change, config } = input;
  const tag = config.exemptions.breakGlassTag;
  if (change.kind !== 'tags-set' && change.kind !== 'tags-removed') return [];
  const notices: ExemptionNotice[] = [];
  for (const groupId of new Set(change.resourceIds)) {
    if (!groupId.startsWith('sg-')) continue;
    const watched = watchedIn(groupId, input);
    if (watched === false) continue;
    const previousUntil = input.before?.group(groupId)?.tags[tag];
    const notice =
      change.kind === 'tags-set'
        ? opened(groupId, change.tags[tag], previousUntil, watched, input)
        : closed(groupId, change.tags, previousUntil, watched, input);
    if (notice) notices.push(notice);
  }
  return notices;
}

/**
 * A group the policy watches: a dependency's path includes it (selected, or on a selected ENI), or
 * world-exposure is set to revert (then any group's exposure can be reverted, which the tag stops).
 */
export function isWatched(groupId: string, model: NetworkModel, config: GuardianConfig): boolean {
  if (config.actions['world-exposure'] === 'revert') return true;
  const touched = { groupIds: [groupId], eniIds: [], subnetIds: [] };
  return dependencyIndexFor(model, config).footprintHits(touched).size > 0;
}

type Input = Parameters<typeof exemptionChanges>[0];

/** Watched in either state; undefined when neither state holds the group. */
function watchedIn(groupId: string, input: Input): boolean | undefined {
  const states = [input.before, input.after].filter((m): m is NetworkModel => !!m?.group(groupId));
  if (states.length === 0) return input.config.actions['world-exposure'] === 'revert' ? true : undefined;
  return states.some((m) => isWatched(groupId, m, input.config));
}

function opened(
  groupId: string,
  until: string | undefined,
  previousUntil: string | undefined,
  watched: boolean | undefined,
  input: Input,
): ExemptionNotice | undefined {
  if (until === undefined) return undefined;
  const known = input.openings?.get(groupId);
  const openedAt =
    known?.until === until ? known.openedAt : (input.meta.eventTime ?? input.now.toISOString());
  const status = breakGlassStatus({ groupId, until, openedAt, config: input.config, now: input.now });
  const event = previousUntil !== undefined && previousUntil !== until ? 'changed' : 'opened';
  const verb = event === 'changed' ? `changed (was until ${previousUntil})` : 'opened';
  const window = status.window
    ? status.exceedsLimit
      ? `; ${status.message}`
      : `; honoured until ${status.window.to}`
    : `; ${status.message}`;
  return {
    groupId,
    event,
    until,
    ...(previousUntil !== undefined && previousUntil !== until && { previousUntil }),
    openedAt,
    ...(status.window && { honouredUntil: status.window.to }),
    exceedsLimit: status.exceedsLimit,
    ...(watched !== undefined && { watched }),
    message:
      `break-glass exemption ${verb} on ${groupId} ${by(input.meta.actor)} ` +
      `until ${until}${window}${unknown(watched)}`,
  };
}

function closed(
  groupId: string,
  removed: readonly { readonly key: string; readonly value?: string }[],
  previousUntil: string | undefined,
  watched: boolean | undefined,
  input: Input,
): ExemptionNotice | undefined {
  const tag = removed.find((t) => t.key === input.config.exemptions.breakGlassTag);
  if (!tag) return undefined;
  // DeleteTags with a value removes the tag only when it holds that value.
  if (tag.value !== undefined && previousUntil !== undefined && tag.value !== previousUntil) return undefined;
  const was = previousUntil ?? tag.value;
  return {
    groupId,
    event: 'closed',
    ...(was !== undefined && { previousUntil: was }),
    exceedsLimit: false,
    ...(watched !== undefined && { watched }),
    message:
      `break-glass exemption closed on ${groupId} ${by(input.meta.actor)}` +
      `${was ? ` (was until ${was})` : ''}${unknown(watched)}`,
  };
}

function by(actor: Actor): string {
  const who = actor.arn ?? actor.sessionIssuerArn ?? 'an unknown principal';
  return `by ${who}${actor.sourceIp ? ` from ${actor.sourceIp}` : ''}${actor.via !== 'unknown' ? ` via ${actor.via}` : ''}`;
}

function unknown(watched: boolean | undefined): string {
  return watched === undefined ? ' (the group is not in the known state: whether the policy watches it is unknown)' : '';
}
