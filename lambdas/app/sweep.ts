import type { EventMeta, ParsedEvent } from '../core/events/types';
import { buildModel } from '../core/model/build-model';
import { createModel } from '../core/model/indexed-model';
import { diffStates } from '../core/state/diff-states';
import { stableId } from '../core/util/hash';
import type { AccountReader, StateCache } from './ports';
import { type PipelineDeps, processEvent } from './process-event';

/** What one sweep needs: the pipeline of its account and region, with that scope's reader and cache. */
export type SweepDeps = Omit<PipelineDeps, 'state' | 'commit'> & {
  readonly reader: AccountReader;
  readonly cache: StateCache;
};

export interface SweepResult {
  readonly drifted: number;
  readonly violations: number;
  readonly saved: { groups: number; enis: number; nacls: number };
  readonly removed: { groups: number; enis: number; nacls: number };
}

/**
 * The scheduled sweep: reads the whole account, judges every difference from the last-known state as
 * a change whose event was lost (notified, never auto-reverted: its author is unknown), then makes
 * the live state the last-known state.
 */
export async function sweep(
  deps: SweepDeps,
  where: { readonly accountId?: string; readonly region?: string } = {},
): Promise<SweepResult> {
  const [documents, cached] = await Promise.all([deps.reader.readAll(), deps.cache.loadAll()]);
  const live = buildModel(documents);
  const known = createModel({ coverage: live.coverage, ...cached });
  const drift = cached.groups.length ? diffStates(known, live) : [];
  const now = deps.clock.now().toISOString();
  let violations = 0;
  for (const change of drift) {
    const meta: EventMeta = {
      eventId: stableId('sweep', [now, change]),
      eventName: `Sweep:${change.kind}`,
      eventTime: now,
      ...(where.accountId && { accountId: where.accountId }),
      ...(where.region && { awsRegion: where.region }),
      actor: { via: 'unknown' },
    };
    const event: ParsedEvent = { status: 'parsed', meta, change };
    const result = await processEvent(event, { ...deps, state: { modelFor: async () => known } });
    if (result.verdict?.verdict === 'violation') violations++;
  }
  const state = { groups: [...live.groups()], enis: [...live.enis()], nacls: [...live.nacls()] };
  const gone = {
    groupIds: cached.groups.filter((g) => !live.group(g.groupId)).map((g) => g.groupId),
    eniIds: cached.enis.filter((e) => !live.eni(e.eniId)).map((e) => e.eniId),
    naclIds: cached.nacls.filter((n) => !live.nacl(n.naclId)).map((n) => n.naclId),
  };
  await deps.cache.save(state);
  await deps.cache.remove(gone);
  return {
    drifted: drift.length,
    violations,
    saved: { groups: state.groups.length, enis: state.enis.length, nacls: state.nacls.length },
    removed: { groups: gone.groupIds.length, enis: gone.eniIds.length, nacls: gone.naclIds.length },
  };
}
