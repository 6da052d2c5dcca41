import type { Change } from '../events/types';
import type { NetworkModel } from '../model/types';
import { findAssociation } from './nacl-ops';

/**
 * The resources a change itself modifies: their prior state is what an undo needs, what a cache must
 * hold, and what a replay must re-patch. One table for the Lambda's state source, the plan applier
 * and the replay (affectedBy, by contrast, also names what lies around them).
 */
export interface ModifiedIds {
  readonly groupIds: readonly string[];
  readonly eniIds: readonly string[];
  readonly naclIds: readonly string[];
  readonly instanceIds: readonly string[];
  readonly launchTemplateIds: readonly string[];
  readonly prefixListIds: readonly string[];
}

const NOTHING: ModifiedIds = {
  groupIds: [],
  eniIds: [],
  naclIds: [],
  instanceIds: [],
  launchTemplateIds: [],
  prefixListIds: [],
};

/** Resource ids by the prefix AWS gives each type (tags name resources of any type). */
function byPrefix(ids: readonly string[]): ModifiedIds {
  const pick = (prefix: string) => ids.filter((id) => id.startsWith(prefix));
  return {
    groupIds: pick('sg-'),
    eniIds: pick('eni-'),
    naclIds: pick('acl-'),
    instanceIds: pick('i-'),
    launchTemplateIds: pick('lt-'),
    prefixListIds: pick('pl-'),
  };
}

/**
 * What `change` modifies. `model` (either state) resolves what the event does not name: the NACL an
 * association leaves, the ENI a detach releases, the primary ENI whose groups an instance change sets.
 */
export function modifiedIds(change: Change, model?: NetworkModel): ModifiedIds {
  switch (change.kind) {
    case 'sg-rules-added':
    case 'sg-rules-removed':
    case 'sg-rules-modified':
    case 'sg-deleted':
      return { ...NOTHING, groupIds: [change.groupId] };
    case 'sg-created':
      return { ...NOTHING, groupIds: [change.group.groupId] };
    case 'eni-groups-set':
      return { ...NOTHING, eniIds: [change.eniId] };
    case 'nacl-entry-created':
    case 'nacl-entry-replaced':
    case 'nacl-entry-deleted':
      return { ...NOTHING, naclIds: [change.naclId] };
    case 'nacl-association-replaced': {
      const held = model ? findAssociation(model, change.associationId) : undefined;
      return { ...NOTHING, naclIds: [...new Set([...(held ? [held.nacl.naclId] : []), change.naclId])] };
    }
    case 'instances-launched':
      return {
        ...NOTHING,
        instanceIds: change.instances.map((i) => i.instanceId),
        eniIds: change.instances.flatMap((i) => i.networkInterfaces.map((e) => e.eniId)),
      };
    case 'eni-created':
      return { ...NOTHING, eniIds: [change.eni.eniId] };
    case 'eni-attached':
      return { ...NOTHING, eniIds: [change.eniId], instanceIds: [change.instanceId] };
    case 'eni-detached': {
      const eni = model ? eniByAttachment(model, change.attachmentId) : undefined;
      return eni
        ? { ...NOTHING, eniIds: [eni.eniId], instanceIds: eni.instanceId ? [eni.instanceId] : [] }
        : NOTHING;
    }
    case 'instance-groups-set': {
      const primary = model?.instance(change.instanceId)?.networkInterfaces.find((n) => n.deviceIndex === 0);
      return { ...NOTHING, instanceIds: [change.instanceId], eniIds: primary ? [primary.eniId] : [] };
    }
    case 'launch-template-version-created':
      return { ...NOTHING, launchTemplateIds: [change.version.launchTemplateId] };
    case 'launch-template-default-set':
      return { ...NOTHING, launchTemplateIds: [change.launchTemplateId] };
    case 'prefix-list-modified':
      return { ...NOTHING, prefixListIds: [change.prefixListId] };
    case 'tags-set':
    case 'tags-removed':
      return byPrefix(change.resourceIds);
  }
}

/** The ENI whose current attachment is `attachmentId` (a detach names only the attachment). */
export function eniByAttachment(model: NetworkModel, attachmentId: string) {
  for (const eni of model.enis()) if (eni.attachmentId === attachmentId) return eni;
  return undefined;
}
