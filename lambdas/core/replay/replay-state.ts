import type { GuardianConfig } from '../config/schema';
import type { Change } from '../events/types';
import { createModel } from '../model/indexed-model';
import { patchModel } from '../model/patched-model';
import type { NetworkAcl, NetworkInterface, NetworkModel, SecurityGroup } from '../model/types';
import { applyChange } from '../state/apply-change';
import { modifiedIds } from '../state/modified';
import type { ApplyResult } from '../state/types';
import { DependencyIndex } from '../verdict/dependency-index';

export interface CompactionOptions {
  /** Applied changes between two compactions of the patch chain. */
  readonly compactEvery: number;
  /** Changed resources a flat patch may hold before the model is re-indexed (patch lookups are O(patch)). */
  readonly rebuildAbove: number;
}

const DEFAULT_COMPACTION: CompactionOptions = { compactEvery: 32, rebuildAbove: 64 };

/**
 * The network state while history is replayed: the snapshot plus every change applied so far, and
 * the dependency index of that state. applyChange stacks one patch per change; every few changes the
 * stack is folded into a single patch over the base holding only the resources changed since, and
 * once that patch grows the whole state is re-indexed as the new base. Lookups stay O(1) and memory
 * stays bounded by the account, not by the length of the history.
 */
export class ReplayState {
  #base: NetworkModel;
  readonly #groups = new Map<string, SecurityGroup | undefined>();
  readonly #enis = new Map<string, NetworkInterface | undefined>();
  readonly #nacls = new Map<string, NetworkAcl | undefined>();
  readonly #index: DependencyIndex;
  #model: NetworkModel;
  #sinceCompaction = 0;

  constructor(
    base: NetworkModel,
    config: GuardianConfig,
    private readonly compaction: CompactionOptions = DEFAULT_COMPACTION,
  ) {
    this.#base = base;
    this.#model = base;
    this.#index = new DependencyIndex(base, config);
  }

  get model(): NetworkModel {
    return this.#model;
  }

  /** The dependency index of `model`, kept current as ENI groups change. */
  get dependencyIndex(): DependencyIndex {
    return this.#index;
  }

  /** Applies what actually happened; returns the result of applyChange on the state before. */
  apply(change: Change): ApplyResult {
    const before = this.#model;
    const result = applyChange(before, change);
    if (!result.effective) return result;
    this.#remember(before, change);
    this.#model = result.model;
    if (change.kind === 'eni-groups-set')
      this.#index.refreshEni(result.model, change.eniId, before.eni(change.eniId)?.groupIds ?? []);
    this.#sinceCompaction += 1;
    if (this.#sinceCompaction >= this.compaction.compactEvery) this.#compact();
    return result;
  }

  #remember(before: NetworkModel, change: Change): void {
    const ids = modifiedIds(change, before);
    for (const id of ids.groupIds) this.#groups.set(id, undefined);
    for (const id of ids.eniIds) this.#enis.set(id, undefined);
    for (const id of ids.naclIds) this.#nacls.set(id, undefined);
  }

  #compact(): void {
    const model = this.#model;
    const changed = this.#groups.size + this.#enis.size + this.#nacls.size;
    if (changed > this.compaction.rebuildAbove) return this.#rebuild();
    for (const id of this.#groups.keys()) this.#groups.set(id, model.group(id));
    for (const id of this.#enis.keys()) this.#enis.set(id, model.eni(id));
    for (const id of this.#nacls.keys()) this.#nacls.set(id, model.nacl(id));
    this.#model = patchModel(this.#base, {
      groups: new Map(this.#groups),
      enis: new Map(this.#enis),
      nacls: new Map(this.#nacls),
    });
    this.#sinceCompaction = 0;
  }

  #rebuild(): void {
    const model = this.#model;
    this.#base = createModel({
      coverage: model.coverage,
      groups: model.groups(),
      enis: model.enis(),
      nacls: model.nacls(),
      prefixLists: model.prefixLists?.() ?? [],
    });
    this.#model = this.#base;
    this.#groups.clear();
    this.#enis.clear();
    this.#nacls.clear();
    this.#sinceCompaction = 0;
  }
}
