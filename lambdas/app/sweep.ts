import type { Change, EventMeta, ParsedEvent } from '../core/events/types';
import { buildModel } from '../core/model/build-model';
import { patchModel } from '../core/model/patched-model';
import { type LaunchTemplateVersion, launchTemplateVersionKey, type NetworkModel } from '../core/model/types';
import { diffStates } from '../core/state/diff-states';
import { stableId } from '../core/util/hash';
import { cachedCoverageOf, cachedStateOf, modelOfCache } from './cached-state';
import type { AccountReader, CachedIds, CachedState, StateCache } from './ports';
import { type PipelineDeps, processEvent } from './process-event';

/** What one sweep needs: the pipeline of its account and region, with that scope's reader and cache. */
export type SweepDeps = Omit<PipelineDeps, 'state' | 'commit'> & {
  readonly reader: AccountReader;
  readonly cache: StateCache;
};

/** Resources of each kind. */
export interface SweepCounts {
  readonly groups: number;
  readonly enis: number;
  readonly nacls: number;
  readonly instances: number;
  readonly prefixLists: number;
  readonly launchTemplates: number;
  readonly launchTemplateVersions: number;
}

export interface SweepResult {
  readonly drifted: number;
  readonly violations: number;
  readonly saved: SweepCounts;
  /** Forgotten: gone from the account (a removed instance or ENI is counted here, never judged: diffStates). */
  readonly removed: SweepCounts;
}

/**
 * The scheduled sweep: reads the whole account, judges every difference from the last-known state as
 * a change whose event was lost (notified, never auto-reverted: its author is unknown), then makes
 * the live state the last-known state, with the layers the read covered.
 */
export async function sweep(
  deps: SweepDeps,
  where: { readonly accountId?: string; readonly region?: string } = {},
): Promise<SweepResult> {
  const [documents, cached] = await Promise.all([deps.reader.readAll(), deps.cache.loadAll()]);
  const live = buildModel(documents);
  const known = modelOfCache(cached, live.coverage);
  const drift = cached.groups.length ? diffStates(known, live) : [];
  const judgedAgainst = withLiveVersions(known, live);
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
    const result = await processEvent(event, { ...deps, state: { modelFor: async () => judgedAgainst(change) } });
    if (result.verdict?.verdict === 'violation') violations++;
  }
  const state: CachedState = { ...cachedStateOf(live), coverage: cachedCoverageOf(live.coverage) };
  const gone = goneIds(cached, live);
  await deps.cache.save(state);
  await deps.cache.remove(gone);
  return { drifted: drift.length, violations, saved: countState(state), removed: countIds(gone) };
}

/**
 * The model a drift change is judged against: the known state, and for a moved default version also
 * the live template versions the cache lacked. Versions never change once created (AWS refuses to
 * edit one), so knowing one more is knowledge, not a change; a new version itself is judged against
 * the known state, where it does not exist yet.
 */
function withLiveVersions(known: NetworkModel, live: NetworkModel): (change: Change) => NetworkModel {
  const versions = new Map<string, LaunchTemplateVersion>();
  for (const template of live.launchTemplates())
    for (const v of live.launchTemplateVersions(template.launchTemplateId))
      if (!known.launchTemplateVersion(v.launchTemplateId, v.versionNumber))
        versions.set(launchTemplateVersionKey(v.launchTemplateId, v.versionNumber), v);
  const enriched = versions.size ? patchModel(known, { launchTemplateVersions: versions }) : known;
  return (change) => (change.kind === 'launch-template-default-set' ? enriched : known);
}

/** Cached resources the live read no longer finds, for the layers it covered (never a layer it did not read). */
function goneIds(cached: CachedState, live: NetworkModel): Required<CachedIds> {
  const { instances = false, launchTemplates = false, prefixLists } = live.coverage;
  return {
    groupIds: cached.groups.filter((g) => !live.group(g.groupId)).map((g) => g.groupId),
    eniIds: cached.enis.filter((e) => !live.eni(e.eniId)).map((e) => e.eniId),
    naclIds: cached.nacls.filter((n) => !live.nacl(n.naclId)).map((n) => n.naclId),
    instanceIds: instances
      ? (cached.instances ?? []).filter((i) => !live.instance(i.instanceId)).map((i) => i.instanceId)
      : [],
    prefixListIds: prefixLists
      ? (cached.prefixLists ?? []).filter((p) => !live.prefixList(p.prefixListId)).map((p) => p.prefixListId)
      : [],
    launchTemplateIds: launchTemplates
      ? (cached.launchTemplates ?? []).filter((t) => !live.launchTemplate(t.launchTemplateId)).map((t) => t.launchTemplateId)
      : [],
    launchTemplateVersionKeys: launchTemplates
      ? (cached.launchTemplateVersions ?? [])
          .filter((v) => !live.launchTemplateVersion(v.launchTemplateId, v.versionNumber))
          .map((v) => launchTemplateVersionKey(v.launchTemplateId, v.versionNumber))
      : [],
  };
}

function countState(state: CachedState): SweepCounts {
  return {
    groups: state.groups.length,
    enis: state.enis.length,
    nacls: state.nacls.length,
    instances: state.instances?.length ?? 0,
    prefixLists: state.prefixLists?.length ?? 0,
    launchTemplates: state.launchTemplates?.length ?? 0,
    launchTemplateVersions: state.launchTemplateVersions?.length ?? 0,
  };
}

function countIds(ids: Required<CachedIds>): SweepCounts {
  return {
    groups: ids.groupIds.length,
    enis: ids.eniIds.length,
    nacls: ids.naclIds.length,
    instances: ids.instanceIds.length,
    prefixLists: ids.prefixListIds.length,
    launchTemplates: ids.launchTemplateIds.length,
    launchTemplateVersions: ids.launchTemplateVersionKeys.length,
  };
}
