import type {
  ModelCoverage,
  NetworkAcl,
  NetworkInterface,
  NetworkModel,
  PrefixList,
  SecurityGroup,
  SgRule,
} from './types';

/** The plain content of a model. */
export interface ModelParts {
  readonly coverage: ModelCoverage;
  readonly groups: Iterable<SecurityGroup>;
  readonly enis: Iterable<NetworkInterface>;
  readonly nacls?: Iterable<NetworkAcl>;
  readonly prefixLists?: Iterable<PrefixList>;
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

  constructor(parts: ModelParts) {
    this.coverage = parts.coverage;
    for (const g of parts.groups) this.groupById.set(g.groupId, g);
    for (const e of parts.enis) this.eniById.set(e.eniId, e);
    for (const n of parts.nacls ?? []) this.naclById.set(n.naclId, n);
    for (const p of parts.prefixLists ?? []) this.prefixListById.set(p.prefixListId, p);
    this.indexGroups();
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
}

function push<T>(index: Map<string, T[]>, key: string, value: T): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}
