import {
  type Instance,
  type LaunchTemplate,
  type LaunchTemplateVersion,
  launchTemplateVersionKey,
  type ModelCoverage,
  type NetworkAcl,
  type NetworkInterface,
  type NetworkModel,
  type PrefixList,
  type SecurityGroup,
  type SgRule,
} from './types';

/** The plain content of a model. */
export interface ModelParts {
  readonly coverage: ModelCoverage;
  readonly groups: Iterable<SecurityGroup>;
  readonly enis: Iterable<NetworkInterface>;
  readonly nacls?: Iterable<NetworkAcl>;
  readonly prefixLists?: Iterable<PrefixList>;
  readonly instances?: Iterable<Instance>;
  readonly launchTemplates?: Iterable<LaunchTemplate>;
  readonly launchTemplateVersions?: Iterable<LaunchTemplateVersion>;
}

const NONE: readonly never[] = Object.freeze([]);

/** A model with every index built once: lookups are O(1) or O(result). Later duplicates win. */
export function createModel(parts: ModelParts): NetworkModel {
  return new IndexedModel(parts);
}

/** Key of the tag index. */
export function tagKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

class IndexedModel implements NetworkModel {
  readonly coverage: ModelCoverage;
  private readonly groupById = new Map<string, SecurityGroup>();
  private readonly groupsByNameIndex = new Map<string, SecurityGroup[]>();
  private readonly groupsByTag = new Map<string, SecurityGroup[]>();
  private readonly eniById = new Map<string, NetworkInterface>();
  private readonly enisByGroup = new Map<string, NetworkInterface[]>();
  private readonly naclById = new Map<string, NetworkAcl>();
  private readonly naclBySubnet = new Map<string, NetworkAcl>();
  private readonly prefixListById = new Map<string, PrefixList>();
  private readonly ruleByIdIndex = new Map<string, SgRule>();
  private readonly groupsByPrefixList = new Map<string, SecurityGroup[]>();
  private readonly instanceById = new Map<string, Instance>();
  private readonly instancesByTag = new Map<string, Instance[]>();
  private readonly templateById = new Map<string, LaunchTemplate>();
  private readonly versionByKey = new Map<string, LaunchTemplateVersion>();
  private readonly versionsByTemplate = new Map<string, LaunchTemplateVersion[]>();

  constructor(parts: ModelParts) {
    this.coverage = parts.coverage;
    for (const g of parts.groups) this.groupById.set(g.groupId, g);
    for (const e of parts.enis) this.eniById.set(e.eniId, e);
    for (const n of parts.nacls ?? []) this.naclById.set(n.naclId, n);
    for (const p of parts.prefixLists ?? []) this.prefixListById.set(p.prefixListId, p);
    for (const i of parts.instances ?? []) this.instanceById.set(i.instanceId, i);
    for (const t of parts.launchTemplates ?? []) this.templateById.set(t.launchTemplateId, t);
    for (const v of parts.launchTemplateVersions ?? [])
      this.versionByKey.set(launchTemplateVersionKey(v.launchTemplateId, v.versionNumber), v);
    this.indexGroups();
    for (const i of this.instanceById.values())
      for (const [k, v] of Object.entries(i.tags)) push(this.instancesByTag, tagKey(k, v), i);
    for (const v of this.versionByKey.values()) push(this.versionsByTemplate, v.launchTemplateId, v);
    for (const list of this.versionsByTemplate.values()) list.sort((a, b) => a.versionNumber - b.versionNumber);
    for (const eni of this.eniById.values())
      for (const groupId of new Set(eni.groupIds)) push(this.enisByGroup, groupId, eni);
    for (const nacl of this.naclById.values())
      for (const a of nacl.associations) this.naclBySubnet.set(a.subnetId, nacl);
  }

  private indexGroups(): void {
    for (const g of this.groupById.values()) {
      push(this.groupsByNameIndex, g.groupName, g);
      for (const [k, v] of Object.entries(g.tags)) push(this.groupsByTag, tagKey(k, v), g);
      for (const r of g.rules) if (r.ruleId !== undefined) this.ruleByIdIndex.set(r.ruleId, r);
      const lists = new Set(g.rules.flatMap((r) => (r.peer.kind === 'prefix-list' ? [r.peer.prefixListId] : [])));
      for (const id of lists) push(this.groupsByPrefixList, id, g);
    }
  }

  group(groupId: string): SecurityGroup | undefined {
    return this.groupById.get(groupId);
  }
  groups(): Iterable<SecurityGroup> {
    return this.groupById.values();
  }
  groupsByName(name: string): readonly SecurityGroup[] {
    return this.groupsByNameIndex.get(name) ?? NONE;
  }
  groupsByTags(tags: Readonly<Record<string, string>>): readonly SecurityGroup[] {
    const wanted = Object.entries(tags);
    if (wanted.length === 0) return [...this.groupById.values()];
    const lists = wanted.map(([k, v]) => this.groupsByTag.get(tagKey(k, v)) ?? NONE);
    const smallest = lists.reduce((a, b) => (b.length < a.length ? b : a));
    return smallest.filter((g) => wanted.every(([k, v]) => g.tags[k] === v));
  }
  eni(eniId: string): NetworkInterface | undefined {
    return this.eniById.get(eniId);
  }
  enis(): Iterable<NetworkInterface> {
    return this.eniById.values();
  }
  enisWithGroup(groupId: string): readonly NetworkInterface[] {
    return this.enisByGroup.get(groupId) ?? NONE;
  }
  nacl(naclId: string): NetworkAcl | undefined {
    return this.naclById.get(naclId);
  }
  nacls(): Iterable<NetworkAcl> {
    return this.naclById.values();
  }
  naclForSubnet(subnetId: string): NetworkAcl | undefined {
    return this.naclBySubnet.get(subnetId);
  }
  prefixList(prefixListId: string): PrefixList | undefined {
    return this.prefixListById.get(prefixListId);
  }
  prefixLists(): Iterable<PrefixList> {
    return this.prefixListById.values();
  }
  ruleById(ruleId: string): SgRule | undefined {
    return this.ruleByIdIndex.get(ruleId);
  }
  groupsReferencingPrefixList(prefixListId: string): readonly SecurityGroup[] {
    return this.groupsByPrefixList.get(prefixListId) ?? NONE;
  }
  instance(instanceId: string): Instance | undefined {
    return this.instanceById.get(instanceId);
  }
  instances(): Iterable<Instance> {
    return this.instanceById.values();
  }
  instancesByTags(tags: Readonly<Record<string, string>>): readonly Instance[] {
    const wanted = Object.entries(tags);
    if (wanted.length === 0) return [...this.instanceById.values()];
    const lists = wanted.map(([k, v]) => this.instancesByTag.get(tagKey(k, v)) ?? NONE);
    const smallest = lists.reduce((a, b) => (b.length < a.length ? b : a));
    return smallest.filter((i) => wanted.every(([k, v]) => i.tags[k] === v));
  }
  launchTemplate(launchTemplateId: string): LaunchTemplate | undefined {
    return this.templateById.get(launchTemplateId);
  }
  launchTemplates(): Iterable<LaunchTemplate> {
    return this.templateById.values();
  }
  launchTemplateVersion(launchTemplateId: string, versionNumber: number): LaunchTemplateVersion | undefined {
    return this.versionByKey.get(launchTemplateVersionKey(launchTemplateId, versionNumber));
  }
  launchTemplateVersions(launchTemplateId: string): readonly LaunchTemplateVersion[] {
    return this.versionsByTemplate.get(launchTemplateId) ?? NONE;
  }
}

function push<T>(index: Map<string, T[]>, key: string, value: T): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}
