import type { CachedIds, CachedState, StateCache } from '../../lambdas/app/ports';
import { launchTemplateVersionKey } from '../../lambdas/core/model/types';

type Layer = Exclude<keyof CachedState, 'coverage'>;

const LAYERS: readonly [Layer, keyof CachedIds, (v: never) => string][] = [
  ['groups', 'groupIds', (v: { groupId: string }) => v.groupId],
  ['enis', 'eniIds', (v: { eniId: string }) => v.eniId],
  ['nacls', 'naclIds', (v: { naclId: string }) => v.naclId],
  ['instances', 'instanceIds', (v: { instanceId: string }) => v.instanceId],
  ['prefixLists', 'prefixListIds', (v: { prefixListId: string }) => v.prefixListId],
  ['launchTemplates', 'launchTemplateIds', (v: { launchTemplateId: string }) => v.launchTemplateId],
  [
    'launchTemplateVersions',
    'launchTemplateVersionKeys',
    (v: { launchTemplateId: string; versionNumber: number }) => launchTemplateVersionKey(v.launchTemplateId, v.versionNumber),
  ],
];

/** The state cache's contract in memory (what DynamoDbStateCache does, without the table), with a log of calls. */
export class MemoryStateCache implements StateCache {
  readonly items = new Map<string, unknown>();
  coverage: CachedState['coverage'];
  readonly saves: CachedState[] = [];

  async load(ids: CachedIds): Promise<CachedState> {
    return this.collect((layer, field, id) =>
      [...new Set(ids[field] ?? [])].flatMap((key) => this.items.get(`${layer}#${key}`) ?? []).filter((v) => id(v as never)),
    );
  }

  async loadAll(): Promise<CachedState> {
    const all = this.collect((layer) =>
      [...this.items].filter(([k]) => k.startsWith(`${layer}#`)).map(([, v]) => v),
    );
    return this.coverage ? { ...all, coverage: this.coverage } : all;
  }

  async save(state: CachedState): Promise<void> {
    this.saves.push(state);
    for (const [layer, , id] of LAYERS)
      for (const value of (state[layer] ?? []) as never[]) this.items.set(`${layer}#${id(value)}`, structuredClone(value));
    if (state.coverage) this.coverage = state.coverage;
  }

  async remove(ids: CachedIds): Promise<void> {
    for (const [layer, field] of LAYERS) for (const key of ids[field] ?? []) this.items.delete(`${layer}#${key}`);
  }

  private collect(pick: (layer: Layer, field: keyof CachedIds, id: (v: never) => string) => unknown[]): CachedState {
    const out: Record<string, unknown[]> = {};
    for (const [layer, field, id] of LAYERS) out[layer] = pick(layer, field, id);
    return out as unknown as CachedState;
  }
}
