import type { Change } from '../core/events/types';
import { detached } from '../core/state/apply-workload';
import type { ModifiedIds } from '../core/state/modified';
import { launchTemplateVersionKey, type ModelPatch, type NetworkModel } from '../core/model/types';
import { templateVersionsInvolved } from './live-neighbourhood';
import type { CachedIds, CachedState } from './ports';

// Which cached (prior) and fresh (after-the-change) state the Lambda's view of an event keeps: pure
// helpers of live-state-source.ts.

export const EMPTY_STATE: CachedState = { groups: [], enis: [], nacls: [] };

export type Layer = keyof Required<ModelPatch>;
/** Where each cached layer lives in the patch, and the id of one of its resources. */
export const LAYERS: { readonly [K in Layer]: (v: never) => string } = {
  groups: (g: { groupId: string }) => g.groupId,
  enis: (e: { eniId: string }) => e.eniId,
  nacls: (n: { naclId: string }) => n.naclId,
  instances: (i: { instanceId: string }) => i.instanceId,
  prefixLists: (p: { prefixListId: string }) => p.prefixListId,
  launchTemplates: (t: { launchTemplateId: string }) => t.launchTemplateId,
  launchTemplateVersions: (v: { launchTemplateId: string; versionNumber: number }) =>
    launchTemplateVersionKey(v.launchTemplateId, v.versionNumber),
};

/** Resource ids per layer; a fresh (after-the-change) value of these never replaces a known prior one. */
export type Skip = Partial<Record<Layer, ReadonlySet<string>>>;

/**
 * The cached prior state of what the change modifies (and of the template versions it is about);
 * without a view, what the event names alone.
 */
export function priorIds(change: Change, view: NetworkModel | undefined, touched: ModifiedIds): CachedIds {
  const templateId = templateOf(change);
  const versions = templateId && view ? templateVersionsInvolved(change, view) : [];
  return { ...touched, launchTemplateVersionKeys: versions.map((n) => launchTemplateVersionKey(templateId!, n)) };
}

/** The ids of `all` not in `loaded`, or undefined when there are none. */
export function withoutIds(all: CachedIds, loaded: CachedIds): CachedIds | undefined {
  const out: Record<string, string[]> = {};
  let any = false;
  for (const [key, ids] of Object.entries(all) as [keyof CachedIds, readonly string[] | undefined][]) {
    const have = new Set(loaded[key] ?? []);
    const left = (ids ?? []).filter((id) => !have.has(id));
    if (left.length) {
      out[key] = left;
      any = true;
    }
  }
  return any ? (out as CachedIds) : undefined;
}

/** Anything the change modifies: a fresh (after-the-change) value never replaces a known prior one. */
export function modifiedSkip(touched: ModifiedIds): Skip {
  return {
    groups: new Set(touched.groupIds),
    enis: new Set(touched.eniIds),
    nacls: new Set(touched.naclIds),
    instances: new Set(touched.instanceIds),
    prefixLists: new Set(touched.prefixListIds),
    launchTemplates: new Set(touched.launchTemplateIds),
  };
}

/**
 * Resources the change brings into existence: never taken from a fresh read, known or not. Read after
 * the event they would seem to have been there before, and the change would look like nothing.
 */
export function createdBy(change: Change): Skip {
  switch (change.kind) {
    case 'instances-launched':
      return {
        instances: new Set(change.instances.map((i) => i.instanceId)),
        enis: new Set(change.instances.flatMap((i) => i.networkInterfaces.map((e) => e.eniId))),
      };
    case 'eni-created':
      return { enis: new Set([change.eni.eniId]) };
    case 'sg-created':
      return { groups: new Set([change.group.groupId]) };
    case 'launch-template-version-created':
      return {
        launchTemplateVersions: new Set([launchTemplateVersionKey(change.version.launchTemplateId, change.version.versionNumber)]),
        ...(change.templateCreated && { launchTemplates: new Set([change.version.launchTemplateId]) }),
      };
    default:
      return {};
  }
}

/**
 * An ENI being attached, read after the event, as it was before: AWS attaches only an available
 * (unattached) ENI, so its prior state is the one read without the attachment, and the instance's
 * without that ENI. Used only when the cache did not know them (a known prior always wins).
 */
export function beforeAttach(change: Change, fresh: CachedState): CachedState {
  if (change.kind !== 'eni-attached') return fresh;
  return {
    ...fresh,
    enis: fresh.enis.map((e) => (e.eniId === change.eniId ? detached(e) : e)),
    instances: (fresh.instances ?? []).map((i) =>
      i.instanceId === change.instanceId
        ? { ...i, networkInterfaces: i.networkInterfaces.filter((n) => n.eniId !== change.eniId) }
        : i,
    ),
  };
}

export function templateOf(change: Change): string | undefined {
  if (change.kind === 'launch-template-version-created') return change.version.launchTemplateId;
  if (change.kind === 'launch-template-default-set') return change.launchTemplateId;
  return undefined;
}

/** The ENI an attach names and the primary ENI of an instance whose groups are set (read for their after-state). */
export function attachedEnis(change: Change, view: NetworkModel): string[] {
  if (change.kind === 'eni-attached') return [change.eniId];
  if (change.kind === 'instance-groups-set') {
    const primary = view.instance(change.instanceId)?.networkInterfaces.find((n) => n.deviceIndex === 0);
    return primary ? [primary.eniId] : [];
  }
  return [];
}

export function patchOf(state: CachedState): ModelPatch {
  const map = <T>(values: readonly T[] | undefined, id: (v: T) => string) => new Map((values ?? []).map((v) => [id(v), v]));
  return {
    groups: map(state.groups, LAYERS.groups as never),
    enis: map(state.enis, LAYERS.enis as never),
    nacls: map(state.nacls, LAYERS.nacls as never),
    instances: map(state.instances, LAYERS.instances as never),
    prefixLists: map(state.prefixLists, LAYERS.prefixLists as never),
    launchTemplates: map(state.launchTemplates, LAYERS.launchTemplates as never),
    launchTemplateVersions: map(state.launchTemplateVersions, LAYERS.launchTemplateVersions as never),
  };
}

export function merge(a: CachedState, b: CachedState): CachedState {
  return {
    groups: [...a.groups, ...b.groups],
    enis: [...a.enis, ...b.enis],
    nacls: [...a.nacls, ...b.nacls],
    instances: [...(a.instances ?? []), ...(b.instances ?? [])],
    prefixLists: [...(a.prefixLists ?? []), ...(b.prefixLists ?? [])],
    launchTemplates: [...(a.launchTemplates ?? []), ...(b.launchTemplates ?? [])],
    launchTemplateVersions: [...(a.launchTemplateVersions ?? []), ...(b.launchTemplateVersions ?? [])],
  };
}
