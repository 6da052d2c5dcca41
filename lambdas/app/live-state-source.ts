import type { GuardianConfig } from '../core/config/schema';
import type { Change } from '../core/events/types';
import { buildModel } from '../core/model/build-model';
import { createModel } from '../core/model/indexed-model';
import { patchModel } from '../core/model/patched-model';
import { SnapshotError } from '../core/model/snapshot-error';
import { modifiedIds } from '../core/state/modified';
import type { NetworkAcl, NetworkInterface, NetworkModel, SecurityGroup } from '../core/model/types';
import { selectGroups } from '../core/reachability/select';
import type { AccountReader, CachedState, ReadScope, StateCache, StateSource } from './ports';


/** Patched entries kept on top of the cold-start model before it is rebuilt. */
const COMPACT_AFTER = 2_000;

/**
 * The Lambda's view of the account: the last-known state from the cache (which holds the prior state
 * of whatever a change touched — what makes undo possible) refreshed with a few live EC2 reads of the
 * change's neighbourhood: the groups and ENIs of the dependencies it can affect (≤ 3 calls).
 */
export class LiveStateSource implements StateSource {
  private base?: NetworkModel;
  private readonly known = {
    groups: new Map<string, SecurityGroup>(),
    enis: new Map<string, NetworkInterface>(),
    nacls: new Map<string, NetworkAcl>(),
  };

  constructor(private readonly deps: { reader: AccountReader; cache: StateCache; config: GuardianConfig }) {}

  async modelFor(change: Change | undefined): Promise<NetworkModel> {
    const base = await this.baseModel();
    if (!change) return this.current();
    const touched = modifiedIds(change, base);
    const [prior, fresh] = await Promise.all([this.deps.cache.load(touched), this.readAround(change, base)]);
    this.remember(fresh, touched);
    this.remember(prior);
    return this.current();
  }

  /** Records the state after an event (the change, and any revert, applied) as last known. */
  async commit(state: CachedState): Promise<void> {
    this.remember(state);
    await this.deps.cache.save(state);
  }

  /** The model as currently known (cold-start model plus what events and reads taught since). */
  current(): NetworkModel {
    if (!this.base) throw new Error('LiveStateSource: current() before the first modelFor()');
    return patchModel(this.base, this.known);
  }

  private async baseModel(): Promise<NetworkModel> {
    if (this.base && this.size() < COMPACT_AFTER) return this.base;
    if (this.base) {
      const now = this.current();
      this.base = createModel({
        coverage: now.coverage,
        groups: now.groups(),
        enis: now.enis(),
        nacls: now.nacls(),
      });
      this.clear();
      return this.base;
    }
    let cached = await this.deps.cache.loadAll();
    if (cached.groups.length === 0) {
      const model = buildModel(await this.deps.reader.readAll()); // first run: nothing cached yet
      cached = { groups: [...model.groups()], enis: [...model.enis()], nacls: [...model.nacls()] };
      await this.deps.cache.save(cached);
    }
    this.base = createModel({ coverage: { ruleIds: true, nacls: true, prefixLists: false }, ...cached });
    return this.base;
  }

  /** Live state of the change's neighbourhood; the touched resources are read too but not trusted as prior. */
  private async readAround(change: Change, base: NetworkModel): Promise<CachedState> {
    const touched = modifiedIds(change, base);
    const related = new Set<string>(touched.groupIds);
    if (change.kind === 'eni-groups-set') {
      for (const g of change.groupIds) related.add(g);
      for (const g of base.eni(change.eniId)?.groupIds ?? []) related.add(g);
    }
    const involved = this.dependencyGroups(base, related, change);
    const scope: ReadScope = {
      groupIds: change.kind.startsWith('nacl-') ? [] : [...new Set([...related, ...involved])],
      enisOfGroups: [...involved],
      naclIds: touched.naclIds,
    };
    const model = await this.readModel(scope);
    return { groups: [...model.groups()], enis: [...model.enis()], nacls: [...model.nacls()] };
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

  /** Groups selected by dependencies that could involve the change. */
  private dependencyGroups(base: NetworkModel, related: ReadonlySet<string>, change: Change): Set<string> {
    const naclSubnets = new Set(
      change.kind.startsWith('nacl-') && 'naclId' in change
        ? (base.nacl(change.naclId)?.associations ?? []).map((a) => a.subnetId)
        : [],
    );
    const out = new Set<string>();
    for (const dep of this.deps.config.dependencies) {
      const groups = [...selectGroups(base, dep.from), ...selectGroups(base, dep.to)].map((g) => g.groupId);
      const enis = groups.flatMap((g) => base.enisWithGroup(g));
      const hit =
        groups.some((g) => related.has(g)) ||
        enis.some((e) => e.groupIds.some((g) => related.has(g)) || naclSubnets.has(e.subnetId));
      if (hit) for (const g of groups) out.add(g);
    }
    return out;
  }

  private remember(
    state: CachedState,
    skip?: { groupIds: readonly string[]; eniIds: readonly string[]; naclIds: readonly string[] },
  ): void {
    for (const g of state.groups)
      if (!skip?.groupIds.includes(g.groupId) || !this.isKnown('groups', g.groupId))
        this.known.groups.set(g.groupId, g);
    for (const e of state.enis)
      if (!skip?.eniIds.includes(e.eniId) || !this.isKnown('enis', e.eniId)) this.known.enis.set(e.eniId, e);
    for (const n of state.nacls)
      if (!skip?.naclIds.includes(n.naclId) || !this.isKnown('nacls', n.naclId))
        this.known.nacls.set(n.naclId, n);
  }

  private isKnown(kind: 'groups' | 'enis' | 'nacls', id: string): boolean {
    if (this.known[kind].has(id)) return true;
    const base = this.base;
    if (!base) return false;
    return kind === 'groups' ? !!base.group(id) : kind === 'enis' ? !!base.eni(id) : !!base.nacl(id);
  }

  private size(): number {
    return this.known.groups.size + this.known.enis.size + this.known.nacls.size;
  }

  private clear(): void {
    this.known.groups.clear();
    this.known.enis.clear();
    this.known.nacls.clear();
  }
}
