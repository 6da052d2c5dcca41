import type { GuardianConfig } from '../core/config/schema';
import type { Change } from '../core/events/types';
import { buildModel } from '../core/model/build-model';
import { patchModel } from '../core/model/patched-model';
import { SnapshotError } from '../core/model/snapshot-error';
import type { ModelPatch, NetworkModel } from '../core/model/types';
import { type ModifiedIds, modifiedIds } from '../core/state/modified';
import { cachedCoverageOf, cachedStateOf, modelOfCache } from './cached-state';
import { dependencyGroups, involvement, resolutionScope, templateVersionsInvolved } from './live-neighbourhood';
import {
  attachedEnis,
  beforeAttach,
  createdBy,
  EMPTY_STATE,
  LAYERS,
  type Layer,
  merge,
  modifiedSkip,
  patchOf,
  priorIds,
  type Skip,
  templateOf,
  withoutIds,
} from './live-state-parts';
import type { AccountReader, CachedIds, CachedState, ReadScope, StateCache, StateSource } from './ports';

/** Patched entries kept on top of the cold-start model before it is rebuilt. */
const COMPACT_AFTER = 2_000;

type Known = { -readonly [K in Layer]: Map<string, NonNullable<ModelPatch[K]> extends ReadonlyMap<string, infer V> ? V : never> };

/**
 * The Lambda's view of the account: the last-known state from the cache (which holds the prior state
 * of whatever a change touched — what makes undo possible) refreshed with a few live EC2 reads of the
 * change's neighbourhood: the groups and ENIs of the dependencies it can affect, the instances,
 * prefix-list entries and template versions it names. One concurrent batch of reads, preceded by one
 * more only when the known state cannot say what the event leaves out (an unknown ENI being attached,
 * an unknown instance whose groups are set, unknown versions a new default moves between). Rules added
 * to a known group need no live read at all (readAddedTo).
 */
export class LiveStateSource implements StateSource {
  private base?: NetworkModel;
  private readonly known: Known = {
    groups: new Map(),
    enis: new Map(),
    nacls: new Map(),
    instances: new Map(),
    prefixLists: new Map(),
    launchTemplates: new Map(),
    launchTemplateVersions: new Map(),
  };

  constructor(private readonly deps: { reader: AccountReader; cache: StateCache; config: GuardianConfig }) {}

  async modelFor(change: Change | undefined): Promise<NetworkModel> {
    // Cold: what the event names alone is loaded beside the full load, not after it (one stage fewer).
    const named = change && !this.base ? priorIds(change, undefined, modifiedIds(change)) : undefined;
    const early = named ? this.deps.cache.load(named) : undefined;
    await this.baseModel();
    if (!change) return this.current();
    const view = this.current();
    const touched = modifiedIds(change, view);
    const [prior, fresh] = await Promise.all([
      this.loadPrior(priorIds(change, view, touched), named, early),
      this.readAround(change, view, touched),
    ]);
    this.remember(prior);
    this.remember(beforeAttach(change, fresh), { keepKnown: modifiedSkip(touched), never: createdBy(change) });
    return this.current();
  }

  /** The cached prior state of `ids`: what was loaded early (`named`) is not asked again. */
  private async loadPrior(ids: CachedIds, named?: CachedIds, early?: Promise<CachedState>): Promise<CachedState> {
    if (!named || !early) return this.deps.cache.load(ids);
    const missing = withoutIds(ids, named);
    const [first, rest] = await Promise.all([early, missing ? this.deps.cache.load(missing) : undefined]);
    return rest ? merge(first, rest) : first;
  }

  /** Records the state after an event (the change, and any revert, applied) as last known; forgets `gone`. */
  async commit(state: CachedState, gone?: CachedIds): Promise<void> {
    this.remember(state);
    for (const id of gone?.groupIds ?? []) this.known.groups.set(id, undefined);
    await this.deps.cache.save(state);
    if (gone) await this.deps.cache.remove(gone);
  }

  /** The model as currently known (cold-start model plus what events and reads taught since). */
  current(): NetworkModel {
    if (!this.base) throw new Error('LiveStateSource: current() before the first modelFor()');
    return patchModel(this.base, this.known);
  }

  /**
   * The cached state, or on the first run (nothing cached, or a cache written before it recorded which
   * layers it covers) one full read, cached with its coverage. Instances, prefix lists and launch
   * templates count as loaded exactly when that full read covered them.
   */
  private async baseModel(): Promise<NetworkModel> {
    if (this.base && this.size() < COMPACT_AFTER) return this.base;
    if (this.base) {
      const now = this.current();
      this.base = modelOfCache({ ...cachedStateOf(now), coverage: cachedCoverageOf(now.coverage) }, now.coverage);
      this.clear();
      return this.base;
    }
    let cached = await this.deps.cache.loadAll();
    if (cached.groups.length === 0 || !cached.coverage) {
      const model = buildModel(await this.deps.reader.readAll());
      cached = { ...cachedStateOf(model), coverage: cachedCoverageOf(model.coverage) };
      await this.deps.cache.save(cached);
    }
    this.base = modelOfCache(cached, { ruleIds: true, nacls: true });
    return this.base;
  }

  /** Live state of the change's neighbourhood; the touched resources are read too but not trusted as prior. */
  private async readAround(change: Change, view: NetworkModel, touched: ModifiedIds): Promise<CachedState> {
    if (change.kind === 'sg-rules-added') return this.readAddedTo(change.groupId, view);
    const first = resolutionScope(change, view);
    let resolved = view;
    let early: CachedState | undefined;
    if (Object.keys(first).length) {
      early = cachedStateOf(await this.readModel(first));
      resolved = patchModel(view, patchOf(early));
    }
    const involved = involvement(change, resolved, touched);
    const groups = dependencyGroups(this.deps.config, resolved, involved);
    const versions = templateVersionsInvolved(change, resolved);
    const templateId = templateOf(change);
    const isNacl = change.kind.startsWith('nacl-');
    const scope: ReadScope = {
      groupIds: isNacl ? [] : [...new Set([...involved.groupIds, ...groups])],
      enisOfGroups: [...groups],
      eniIds: attachedEnis(change, resolved),
      naclIds: touched.naclIds,
      prefixListIds: touched.prefixListIds,
      instanceIds: change.kind === 'instances-launched' ? [] : touched.instanceIds,
      ...(templateId && {
        launchTemplateIds: [templateId],
        launchTemplateVersions: versions.length ? [{ launchTemplateId: templateId, versions: versions.map(String) }] : [],
      }),
    };
    const main = cachedStateOf(await this.readModel(scope));
    return early ? merge(early, main) : main;
  }

  /**
   * Rules added to a group: nothing else is read. Security groups only allow, so an added rule cannot
   * take reachability away from any dependency, and the exposure it opens is judged on the group's own
   * rules, whose prior state is the cache's (loaded beside this); dependencies and fixes are judged on
   * the last-known state. Only a group the view does not know is read, as any other change reads it.
   */
  private async readAddedTo(groupId: string, view: NetworkModel): Promise<CachedState> {
    if (view.group(groupId)) return EMPTY_STATE;
    return cachedStateOf(await this.readModel({ groupIds: [groupId] }));
  }

  /** Groups and their rules are two concurrent calls: a rule changed in between makes them disagree; read again once. */
  private async readModel(scope: ReadScope): Promise<NetworkModel> {
    try {
      return buildModel(await this.deps.reader.read(scope));
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      return buildModel(await this.deps.reader.read(scope));
    }
  }

  private remember(state: CachedState, guard: { keepKnown?: Skip; never?: Skip } = {}): void {
    for (const layer of Object.keys(LAYERS) as Layer[]) {
      const id = LAYERS[layer] as (v: unknown) => string;
      const map = this.known[layer] as Map<string, unknown>;
      for (const value of (state[layer] ?? []) as unknown[]) {
        const key = id(value);
        if (guard.never?.[layer]?.has(key)) continue;
        if (guard.keepKnown?.[layer]?.has(key) && this.isKnown(layer, key)) continue;
        map.set(key, value);
      }
    }
  }

  private isKnown(layer: Layer, id: string): boolean {
    if ((this.known[layer] as Map<string, unknown>).has(id)) return true;
    const base = this.base;
    if (!base) return false;
    const [templateId = '', version = ''] = id.split('#');
    const lookups: Record<Layer, () => unknown> = {
      groups: () => base.group(id),
      enis: () => base.eni(id),
      nacls: () => base.nacl(id),
      instances: () => base.instance(id),
      prefixLists: () => base.prefixList(id),
      launchTemplates: () => base.launchTemplate(id),
      launchTemplateVersions: () => base.launchTemplateVersion(templateId, Number(version)),
    };
    return lookups[layer]() !== undefined;
  }

  private size(): number {
    return Object.values(this.known).reduce((n, map) => n + map.size, 0);
  }

  private clear(): void {
    for (const map of Object.values(this.known)) map.clear();
  }
}
