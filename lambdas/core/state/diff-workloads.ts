import type { Change, LaunchedInstance } from '../events/types';
import type { Instance, NetworkInterface, NetworkModel, SecurityGroup } from '../model/types';
import { sameSet } from './apply-change';

type Tags = Readonly<Record<string, string>>;

/** Instance states whose ENIs are gone or going: an instance first seen in them is not a launch to judge. */
const ENDED = new Set(['shutting-down', 'terminated']);

/**
 * Instances in `live` only, as launches: one `instances-launched` per launch template and version (a
 * scale-out of ten is one finding, not ten), each instance with its live ENIs. Needs instances on
 * both sides (coverage), else a cache written before instances existed would make every one "new".
 */
export function launchedInstances(known: NetworkModel, live: NetworkModel): Change[] {
  if (!known.coverage.instances || !live.coverage.instances) return [];
  const batches = new Map<string, { launched: LaunchedInstance[]; template?: Instance['launchTemplate'] }>();
  for (const instance of live.instances()) {
    if (known.instance(instance.instanceId) || ENDED.has(instance.state)) continue;
    const template = instance.launchTemplate;
    const key = template ? `${template.launchTemplateId}#${template.version ?? ''}` : '';
    const batch = batches.get(key) ?? { launched: [], ...(template && { template }) };
    batch.launched.push(asLaunched(live, instance));
    batches.set(key, batch);
  }
  return [...batches.values()].map(({ launched, template }) => ({
    kind: 'instances-launched' as const,
    instances: launched,
    ...(template && {
      launchTemplate: {
        launchTemplateId: template.launchTemplateId,
        ...(template.version !== undefined && { version: template.version }),
      },
    }),
  }));
}

function asLaunched(live: NetworkModel, instance: Instance): LaunchedInstance {
  const networkInterfaces = instance.networkInterfaces.flatMap(({ eniId, deviceIndex }) => {
    const eni = live.eni(eniId);
    return eni ? [{ ...eni, instanceId: instance.instanceId, deviceIndex }] : [];
  });
  return {
    instanceId: instance.instanceId,
    tags: instance.tags,
    ...(instance.subnetId !== undefined && { subnetId: instance.subnetId }),
    ...(instance.vpcId !== undefined && { vpcId: instance.vpcId }),
    networkInterfaces,
  };
}

/** ENIs in `live` only that no launch above explains: `eni-created` (service ENIs included). */
export function createdEnis(known: NetworkModel, live: NetworkModel, launched: ReadonlySet<string>): Change[] {
  const out: Change[] = [];
  for (const eni of live.enis())
    if (!known.eni(eni.eniId) && !launched.has(eni.eniId)) out.push({ kind: 'eni-created', eni });
  return out;
}

/**
 * An ENI on both sides whose groups or attachment moved: `eni-groups-set`, then `eni-detached` (when
 * the known attachment id is there to name it) and `eni-attached`.
 */
export function eniChanges(before: NetworkInterface, after: NetworkInterface): Change[] {
  const out: Change[] = [];
  if (!sameSet(before.groupIds, after.groupIds))
    out.push({ kind: 'eni-groups-set', eniId: after.eniId, groupIds: after.groupIds });
  const moved = before.instanceId !== after.instanceId || before.deviceIndex !== after.deviceIndex;
  if (!moved) return out;
  if (before.instanceId && before.attachmentId)
    out.push({ kind: 'eni-detached', attachmentId: before.attachmentId });
  if (after.instanceId && after.deviceIndex !== undefined)
    out.push({
      kind: 'eni-attached',
      eniId: after.eniId,
      instanceId: after.instanceId,
      deviceIndex: after.deviceIndex,
      ...(after.attachmentId && { attachmentId: after.attachmentId }),
    });
  return out;
}

/** Groups in `live` only (`sg-created`, with the rules they have now) and in `known` only (`sg-deleted`). */
export function groupLifecycle(known: NetworkModel, live: NetworkModel): { created: Change[]; deleted: Change[] } {
  const created: Change[] = [];
  const deleted: Change[] = [];
  for (const group of live.groups()) if (!known.group(group.groupId)) created.push({ kind: 'sg-created', group });
  for (const group of known.groups())
    if (!live.group(group.groupId)) deleted.push({ kind: 'sg-deleted', groupId: group.groupId });
  return { created, deleted };
}

/** Tag drift of groups and instances on both sides (selectors and the break-glass tag read tags). */
export function tagChanges(known: NetworkModel, live: NetworkModel): Change[] {
  const out: Change[] = [];
  const compare = (id: string, before: Tags, after: Tags) => {
    const set = Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k] !== v));
    const removed = Object.keys(before).filter((k) => !(k in after));
    if (Object.keys(set).length) out.push({ kind: 'tags-set', resourceIds: [id], tags: set });
    if (removed.length) out.push({ kind: 'tags-removed', resourceIds: [id], tags: removed.map((key) => ({ key })) });
  };
  for (const group of live.groups()) {
    const before: SecurityGroup | undefined = known.group(group.groupId);
    if (before) compare(group.groupId, before.tags, group.tags);
  }
  if (known.coverage.instances && live.coverage.instances)
    for (const instance of live.instances()) {
      const before = known.instance(instance.instanceId);
      if (before) compare(instance.instanceId, before.tags, instance.tags);
    }
  return out;
}

/** Entry drift of prefix lists whose entries both sides know (`prefix-list-modified`). */
export function prefixListChanges(known: NetworkModel, live: NetworkModel): Change[] {
  if (!known.coverage.prefixLists || !live.coverage.prefixLists) return [];
  const out: Change[] = [];
  for (const list of live.prefixLists?.() ?? []) {
    const was = known.prefixList(list.prefixListId)?.cidrs;
    if (!was || !list.cidrs) continue;
    const added = list.cidrs.filter((c) => !was.includes(c));
    const removed = was.filter((c) => !list.cidrs!.includes(c));
    if (added.length || removed.length)
      out.push({ kind: 'prefix-list-modified', prefixListId: list.prefixListId, added, removed });
  }
  return out;
}

/**
 * Launch template drift: versions in `live` only (`launch-template-version-created`; the template's
 * first known version marks it created) and a moved default (`launch-template-default-set`).
 */
export function templateChanges(known: NetworkModel, live: NetworkModel): Change[] {
  if (!known.coverage.launchTemplates || !live.coverage.launchTemplates) return [];
  const out: Change[] = [];
  for (const template of live.launchTemplates()) {
    const id = template.launchTemplateId;
    const before = known.launchTemplate(id);
    const fresh = live.launchTemplateVersions(id).filter((v) => !known.launchTemplateVersion(id, v.versionNumber));
    fresh.forEach((version, i) =>
      out.push({ kind: 'launch-template-version-created', version, templateCreated: !before && i === 0 }),
    );
    const wasDefault = before?.defaultVersionNumber ?? fresh[0]?.versionNumber;
    if (wasDefault !== undefined && wasDefault !== template.defaultVersionNumber)
      out.push({ kind: 'launch-template-default-set', launchTemplateId: id, defaultVersion: template.defaultVersionNumber });
  }
  return out;
}
