import {
  type Instance,
  type LaunchTemplate,
  type LaunchTemplateVersion,
  launchTemplateVersionKey,
  type ModelCoverage,
  type ModelPatch,
  type NetworkAcl,
  type NetworkInterface,
  type NetworkModel,
  type PrefixList,
  type SecurityGroup,
  type SgRule,
} from './types';
import { type EnisByGroup, enisByGroupOf } from './eni-group-index';
import { overlayAll, overlayIndexed, overlayList, type Patch } from './overlay-lists';

const EMPTY: Patch<never> = new Map();
const NONE: readonly never[] = Object.freeze([]);

/**
 * A model that answers from `patch` first and from `base` otherwise, without copying the base's
 * indexes: building it costs O(patch), lookups O(1) or O(result + patch). Patches of patches work.
 */
export function patchModel(base: NetworkModel, patch: ModelPatch): NetworkModel {
  return new PatchedModel(base, patch);
}

class PatchedModel implements NetworkModel {
  private readonly groupPatch: Patch<SecurityGroup>;
  private readonly eniPatch: Patch<NetworkInterface>;
  private readonly naclPatch: Patch<NetworkAcl>;
  private readonly prefixListPatch: Patch<PrefixList>;
  private readonly instancePatch: Patch<Instance>;
  private readonly templatePatch: Patch<LaunchTemplate>;
  private readonly versionPatch: Patch<LaunchTemplateVersion>;
  /** Rules of patched groups, by id (built on first use: a live view is made per event, most never ask). */
  private patchedRulesIndex?: Map<string, SgRule>;
  /** Subnet associations of patched NACLs (built on first use). */
  private patchedSubnetsIndex?: Map<string, NetworkAcl>;
  /** Patched ENIs by the groups they carry, in patch order (found on first use, shared across views). */
  private patchedEnisByGroup?: EnisByGroup;
  /** Answers of enisWithGroup already given. */
  private readonly enisByGroup = new Map<string, readonly NetworkInterface[]>();

  readonly overlay: { readonly base: NetworkModel; readonly patch: ModelPatch };

  constructor(
    private readonly base: NetworkModel,
    patch: ModelPatch,
  ) {
    this.overlay = { base, patch };
    this.groupPatch = patch.groups ?? EMPTY;
    this.eniPatch = patch.enis ?? EMPTY;
    this.naclPatch = patch.nacls ?? EMPTY;
    this.prefixListPatch = patch.prefixLists ?? EMPTY;
    this.instancePatch = patch.instances ?? EMPTY;
    this.templatePatch = patch.launchTemplates ?? EMPTY;
    this.versionPatch = patch.launchTemplateVersions ?? EMPTY;
  }

  private get patchedRules(): Map<string, SgRule> {
    if (!this.patchedRulesIndex) {
      this.patchedRulesIndex = new Map();
      for (const g of this.groupPatch.values())
        for (const r of g?.rules ?? []) if (r.ruleId !== undefined) this.patchedRulesIndex.set(r.ruleId, r);
    }
    return this.patchedRulesIndex;
  }

  private get patchedSubnets(): Map<string, NetworkAcl> {
    if (!this.patchedSubnetsIndex) {
      this.patchedSubnetsIndex = new Map();
      for (const n of this.naclPatch.values())
        for (const a of n?.associations ?? []) this.patchedSubnetsIndex.set(a.subnetId, n!);
    }
    return this.patchedSubnetsIndex;
  }

  /** The patched ENIs (not deletions) carrying a group, in patch order. */
  private patchedEnisWith(groupId: string): readonly NetworkInterface[] {
    this.patchedEnisByGroup ??= enisByGroupOf(this.eniPatch);
    return this.patchedEnisByGroup.get(groupId) ?? NONE;
  }

  get coverage(): ModelCoverage {
    return this.base.coverage;
  }

  group(groupId: string): SecurityGroup | undefined {
    return this.groupPatch.has(groupId) ? this.groupPatch.get(groupId) : this.base.group(groupId);
  }
  groups(): Iterable<SecurityGroup> {
    return overlayAll(
      this.base.groups(),
      this.groupPatch,
      (g) => g.groupId,
      (id) => this.base.group(id),
    );
  }
  groupsByName(name: string): readonly SecurityGroup[] {
    return overlayList(
      this.base.groupsByName(name),
      this.groupPatch,
      (g) => g.groupId,
      (g) => g.groupName === name,
    );
  }
  groupsByTags(tags: Readonly<Record<string, string>>): readonly SecurityGroup[] {
    const wanted = Object.entries(tags);
    const carries = (g: SecurityGroup) => wanted.every(([k, v]) => g.tags[k] === v);
    return overlayList(this.base.groupsByTags(tags), this.groupPatch, (g) => g.groupId, carries);
  }
  eni(eniId: string): NetworkInterface | undefined {
    return this.eniPatch.has(eniId) ? this.eniPatch.get(eniId) : this.base.eni(eniId);
  }
  enis(): Iterable<NetworkInterface> {
    return overlayAll(
      this.base.enis(),
      this.eniPatch,
      (e) => e.eniId,
      (id) => this.base.eni(id),
    );
  }
  enisWithGroup(groupId: string): readonly NetworkInterface[] {
    if (this.eniPatch.size === 0) return this.base.enisWithGroup(groupId);
    // The model never changes, so each answer is kept: reachability asks for the same groups again and
    // again, and down a chain of patches every level would otherwise rebuild its list.
    const known = this.enisByGroup.get(groupId);
    if (known) return known;
    const answer = overlayIndexed(
      this.base.enisWithGroup(groupId),
      this.eniPatch,
      (e) => e.eniId,
      (e) => e.groupIds.includes(groupId),
      this.patchedEnisWith(groupId),
    );
    this.enisByGroup.set(groupId, answer);
    return answer;
  }
  nacl(naclId: string): NetworkAcl | undefined {
    return this.naclPatch.has(naclId) ? this.naclPatch.get(naclId) : this.base.nacl(naclId);
  }
  nacls(): Iterable<NetworkAcl> {
    return overlayAll(
      this.base.nacls(),
      this.naclPatch,
      (n) => n.naclId,
      (id) => this.base.nacl(id),
    );
  }
  naclForSubnet(subnetId: string): NetworkAcl | undefined {
    const patched = this.patchedSubnets.get(subnetId);
    if (patched) return patched;
    const fromBase = this.base.naclForSubnet(subnetId);
    // A patched NACL that no longer lists the subnet has lost the association.
    return fromBase && this.naclPatch.has(fromBase.naclId) ? undefined : fromBase;
  }
  prefixList(prefixListId: string): PrefixList | undefined {
    return this.prefixListPatch.has(prefixListId)
      ? this.prefixListPatch.get(prefixListId)
      : this.base.prefixList(prefixListId);
  }
  prefixLists(): Iterable<PrefixList> {
    return overlayAll(
      this.base.prefixLists?.() ?? [],
      this.prefixListPatch,
      (p) => p.prefixListId,
      (id) => this.base.prefixList(id),
    );
  }
  groupsReferencingPrefixList(prefixListId: string): readonly SecurityGroup[] {
    const references = (g: SecurityGroup) =>
      g.rules.some((r) => r.peer.kind === 'prefix-list' && r.peer.prefixListId === prefixListId);
    return overlayList(this.base.groupsReferencingPrefixList(prefixListId), this.groupPatch, (g) => g.groupId, references);
  }
  instance(instanceId: string): Instance | undefined {
    return this.instancePatch.has(instanceId) ? this.instancePatch.get(instanceId) : this.base.instance(instanceId);
  }
  instances(): Iterable<Instance> {
    return overlayAll(
      this.base.instances(),
      this.instancePatch,
      (i) => i.instanceId,
      (id) => this.base.instance(id),
    );
  }
  instancesByTags(tags: Readonly<Record<string, string>>): readonly Instance[] {
    const wanted = Object.entries(tags);
    const carries = (i: Instance) => wanted.every(([k, v]) => i.tags[k] === v);
    return overlayList(this.base.instancesByTags(tags), this.instancePatch, (i) => i.instanceId, carries);
  }
  launchTemplate(launchTemplateId: string): LaunchTemplate | undefined {
    return this.templatePatch.has(launchTemplateId)
      ? this.templatePatch.get(launchTemplateId)
      : this.base.launchTemplate(launchTemplateId);
  }
  launchTemplates(): Iterable<LaunchTemplate> {
    return overlayAll(
      this.base.launchTemplates(),
      this.templatePatch,
      (t) => t.launchTemplateId,
      (id) => this.base.launchTemplate(id),
    );
  }
  launchTemplateVersion(launchTemplateId: string, versionNumber: number): LaunchTemplateVersion | undefined {
    const key = launchTemplateVersionKey(launchTemplateId, versionNumber);
    return this.versionPatch.has(key)
      ? this.versionPatch.get(key)
      : this.base.launchTemplateVersion(launchTemplateId, versionNumber);
  }
  launchTemplateVersions(launchTemplateId: string): readonly LaunchTemplateVersion[] {
    const keyOf = (v: LaunchTemplateVersion) => launchTemplateVersionKey(v.launchTemplateId, v.versionNumber);
    const mine = (v: LaunchTemplateVersion) => v.launchTemplateId === launchTemplateId;
    // The base is asked once: in a chain of patches, asking twice per level doubled the work per level.
    const baseList = this.base.launchTemplateVersions(launchTemplateId);
    const list = overlayList(baseList, this.versionPatch, keyOf, mine);
    return list === baseList
      ? list
      : [...list].sort((a, b) => a.versionNumber - b.versionNumber);
  }
  ruleById(ruleId: string): SgRule | undefined {
    const patched = this.patchedRules.get(ruleId);
    if (patched) return patched;
    const fromBase = this.base.ruleById(ruleId);
    // A rule of a patched group that the patched group no longer has is gone.
    return fromBase && this.groupPatch.has(fromBase.groupId) ? undefined : fromBase;
  }
}
