import type { GuardianConfig } from '../config/schema';
import type { Change } from '../events/types';
import { createModel } from '../model/indexed-model';
import { patchModel } from '../model/patched-model';
import {
  type Instance,
  type LaunchTemplate,
  type LaunchTemplateVersion,
  launchTemplateVersionKey,
  type NetworkAcl,
  type NetworkInterface,
  type NetworkModel,
  type PrefixList,
  type SecurityGroup,
} from '../model/types';
import { applyChange } from '../state/apply-change';
import { modifiedIds } from '../state/modified';
import type { ApplyResult } from '../state/types';
import { DependencyIndex } from '../verdict/dependency-index';
import { policyTagKeys } from '../verdict/policy-tags';

export interface CompactionOptions {
  /** Applied changes between two compactions of the patch chain. */
  readonly compactEvery: number;
  /** Changed resources a flat patch may hold before the model is re-indexed (patch lookups are O(patch)). */
  readonly rebuildAbove: number;
}

const DEFAULT_COMPACTION: CompactionOptions = { compactEvery: 32, rebuildAbove: 64 };

/** Changes that move ENIs in or out of a selection without a group change the index can follow. */
const REINDEXED: ReadonlySet<Change['kind']> = new Set([
  'instances-launched',
  'eni-created',
  'eni-attached',
  'eni-detached',
  'sg-created',
  'sg-deleted',
  'tags-set',
  'tags-removed',
]);

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
  readonly #prefixLists = new Map<string, PrefixList | undefined>();
  readonly #instances = new Map<string, Instance | undefined>();
  /** Launch templates changed; their versions are carried with them. */
  readonly #templates = new Map<string, LaunchTemplate | undefined>();
  #index: DependencyIndex;
  #model: NetworkModel;
  #sinceCompaction = 0;

  constructor(
    base: NetworkModel,
    private readonly config: GuardianConfig,
    private readonly compaction: CompactionOptions = DEFAULT_COMPACTION,
  ) {
    this.#base = base;
    this.#model = base;
    this.#index = new DependencyIndex(base, config);
  }

  get model(): NetworkModel {
    return this.#model;
  }

  /** The dependency index of `model`, kept current as ENI groups, instances and tags change. */
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
    this.#follow(before, change);
    this.#sinceCompaction += 1;
    if (this.#sinceCompaction >= this.compaction.compactEvery) this.#compact();
    return result;
  }

  /** Keeps the index current: group changes of one ENI are followed, selection moves re-index. */
  #follow(before: NetworkModel, change: Change): void {
    const model = this.#model;
    if (change.kind === 'eni-groups-set' || change.kind === 'instance-groups-set') {
      for (const eniId of modifiedIds(change, before).eniIds)
        this.#index.refreshEni(model, eniId, before.eni(eniId)?.groupIds ?? []);
      return;
    }
    if (!REINDEXED.has(change.kind)) return;
    if (change.kind === 'tags-set' || change.kind === 'tags-removed') {
      const used = policyTagKeys(this.config);
      const keys = change.kind === 'tags-set' ? Object.keys(change.tags) : change.tags.map((t) => t.key);
      if (!keys.some((k) => used.has(k))) return;
    }
    this.#index = new DependencyIndex(model, this.config);
  }

  #remember(before: NetworkModel, change: Change): void {
    const ids = modifiedIds(change, before);
    for (const id of ids.groupIds) this.#groups.set(id, undefined);
    for (const id of ids.eniIds) this.#enis.set(id, undefined);
    for (const id of ids.naclIds) this.#nacls.set(id, undefined);
    for (const id of ids.prefixListIds) this.#prefixLists.set(id, undefined);
    for (const id of ids.instanceIds) this.#instances.set(id, undefined);
    for (const id of ids.launchTemplateIds) this.#templates.set(id, undefined);
  }

  #compact(): void {
    const model = this.#model;
    const changed =
      this.#groups.size +
      this.#enis.size +
      this.#nacls.size +
      this.#prefixLists.size +
      this.#instances.size +
      this.#templates.size;
    if (changed > this.compaction.rebuildAbove) return this.#rebuild();
    const refresh = <T>(map: Map<string, T | undefined>, read: (id: string) => T | undefined) => {
      for (const id of map.keys()) map.set(id, read(id));
      return new Map(map);
    };
    const versions = new Map<string, LaunchTemplateVersion | undefined>();
    for (const id of this.#templates.keys())
      for (const v of model.launchTemplateVersions(id))
        versions.set(launchTemplateVersionKey(id, v.versionNumber), v);
    this.#model = patchModel(this.#base, {
      groups: refresh(this.#groups, (id) => model.group(id)),
      enis: refresh(this.#enis, (id) => model.eni(id)),
      nacls: refresh(this.#nacls, (id) => model.nacl(id)),
      prefixLists: refresh(this.#prefixLists, (id) => model.prefixList(id)),
      instances: refresh(this.#instances, (id) => model.instance(id)),
      launchTemplates: refresh(this.#templates, (id) => model.launchTemplate(id)),
      launchTemplateVersions: versions,
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
      instances: model.instances(),
      launchTemplates: model.launchTemplates(),
      launchTemplateVersions: [...model.launchTemplates()].flatMap((t) =>
        model.launchTemplateVersions(t.launchTemplateId),
      ),
    });
    this.#model = this.#base;
    for (const map of [this.#groups, this.#enis, this.#nacls, this.#prefixLists, this.#instances, this.#templates])
      map.clear();
    this.#sinceCompaction = 0;
  }
}
