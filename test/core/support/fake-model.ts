import type {
  Instance,
  LaunchTemplate,
  LaunchTemplateVersion,
  ModelCoverage,
  NetworkAcl,
  NetworkInterface,
  NetworkModel,
  PrefixList,
  SecurityGroup,
  SgRule,
} from '../../../lambdas/core/model/types';

export interface FakeModelInput {
  readonly groups?: readonly SecurityGroup[];
  readonly enis?: readonly NetworkInterface[];
  readonly nacls?: readonly NetworkAcl[];
  readonly prefixLists?: readonly PrefixList[];
  readonly instances?: readonly Instance[];
  readonly launchTemplates?: readonly LaunchTemplate[];
  readonly launchTemplateVersions?: readonly LaunchTemplateVersion[];
  readonly coverage?: Partial<ModelCoverage>;
}

/** A tiny in-memory NetworkModel over plain arrays, for tests; same interface as the real model. */
export class FakeModel implements NetworkModel {
  readonly coverage: ModelCoverage;
  private readonly groupList: readonly SecurityGroup[];
  private readonly eniList: readonly NetworkInterface[];
  private readonly naclList: readonly NetworkAcl[];
  private readonly prefixListList: readonly PrefixList[];
  private readonly instanceList: readonly Instance[];
  private readonly templateList: readonly LaunchTemplate[];
  private readonly versionList: readonly LaunchTemplateVersion[];

  constructor(input: FakeModelInput = {}) {
    this.groupList = input.groups ?? [];
    this.eniList = input.enis ?? [];
    this.naclList = input.nacls ?? [];
    this.prefixListList = input.prefixLists ?? [];
    this.instanceList = input.instances ?? [];
    this.templateList = input.launchTemplates ?? [];
    this.versionList = input.launchTemplateVersions ?? [];
    this.coverage = {
      ruleIds: true,
      nacls: true,
      prefixLists: true,
      instances: input.instances !== undefined,
      launchTemplates: input.launchTemplates !== undefined || input.launchTemplateVersions !== undefined,
      ...input.coverage,
    };
  }

  group(groupId: string): SecurityGroup | undefined {
    return this.groupList.find((g) => g.groupId === groupId);
  }

  groups(): Iterable<SecurityGroup> {
    return this.groupList;
  }

  groupsByName(name: string): readonly SecurityGroup[] {
    return this.groupList.filter((g) => g.groupName === name);
  }

  groupsByTags(tags: Readonly<Record<string, string>>): readonly SecurityGroup[] {
    return this.groupList.filter((g) => Object.entries(tags).every(([k, v]) => g.tags[k] === v));
  }

  eni(eniId: string): NetworkInterface | undefined {
    return this.eniList.find((e) => e.eniId === eniId);
  }

  enis(): Iterable<NetworkInterface> {
    return this.eniList;
  }

  enisWithGroup(groupId: string): readonly NetworkInterface[] {
    return this.eniList.filter((e) => e.groupIds.includes(groupId));
  }

  nacl(naclId: string): NetworkAcl | undefined {
    return this.coverage.nacls ? this.naclList.find((n) => n.naclId === naclId) : undefined;
  }

  nacls(): Iterable<NetworkAcl> {
    return this.coverage.nacls ? this.naclList : [];
  }

  naclForSubnet(subnetId: string): NetworkAcl | undefined {
    if (!this.coverage.nacls) return undefined;
    return this.naclList.find((n) => n.associations.some((a) => a.subnetId === subnetId));
  }

  prefixList(prefixListId: string): PrefixList | undefined {
    return this.prefixListList.find((p) => p.prefixListId === prefixListId);
  }

  ruleById(ruleId: string): SgRule | undefined {
    for (const g of this.groupList) {
      const rule = g.rules.find((r) => r.ruleId === ruleId);
      if (rule) return rule;
    }
    return undefined;
  }

  groupsReferencingPrefixList(prefixListId: string): readonly SecurityGroup[] {
    return this.groupList.filter((g) =>
      g.rules.some((r) => r.peer.kind === 'prefix-list' && r.peer.prefixListId === prefixListId),
    );
  }

  instance(instanceId: string): Instance | undefined {
    return this.instanceList.find((i) => i.instanceId === instanceId);
  }

  instances(): Iterable<Instance> {
    return this.instanceList;
  }

  instancesByTags(tags: Readonly<Record<string, string>>): readonly Instance[] {
    return this.instanceList.filter((i) => Object.entries(tags).every(([k, v]) => i.tags[k] === v));
  }

  launchTemplate(launchTemplateId: string): LaunchTemplate | undefined {
    return this.templateList.find((t) => t.launchTemplateId === launchTemplateId);
  }

  launchTemplates(): Iterable<LaunchTemplate> {
    return this.templateList;
  }

  launchTemplateVersion(launchTemplateId: string, versionNumber: number): LaunchTemplateVersion | undefined {
    return this.versionList.find((v) => v.launchTemplateId === launchTemplateId && v.versionNumber === versionNumber);
  }

  launchTemplateVersions(launchTemplateId: string): readonly LaunchTemplateVersion[] {
    return this.versionList
      .filter((v) => v.launchTemplateId === launchTemplateId)
      .sort((a, b) => a.versionNumber - b.versionNumber);
  }

  /** A copy with some parts replaced (handy for "before" and "after" states). */
  with(changes: FakeModelInput): FakeModel {
    return new FakeModel({
      groups: changes.groups ?? this.groupList,
      enis: changes.enis ?? this.eniList,
      nacls: changes.nacls ?? this.naclList,
      prefixLists: changes.prefixLists ?? this.prefixListList,
      instances: changes.instances ?? this.instanceList,
      launchTemplates: changes.launchTemplates ?? this.templateList,
      launchTemplateVersions: changes.launchTemplateVersions ?? this.versionList,
      coverage: { ...this.coverage, ...changes.coverage },
    });
  }
}

export function fakeModel(input: FakeModelInput = {}): FakeModel {
  return new FakeModel(input);
}
