import type { Change } from '../core/events/types';
import type { CachedIds } from './ports';

/** The resources a change itself modifies (their prior state is what undo needs). */
export function touchedIds(change: Change): Required<CachedIds> {
  switch (change.kind) {
    case 'sg-rules-added':
    case 'sg-rules-removed':
    case 'sg-rules-modified':
      return { groupIds: [change.groupId], eniIds: [], naclIds: [] };
    case 'eni-groups-set':
      return { groupIds: [], eniIds: [change.eniId], naclIds: [] };
    case 'nacl-entry-created':
    case 'nacl-entry-replaced':
    case 'nacl-entry-deleted':
    case 'nacl-association-replaced':
      return { groupIds: [], eniIds: [], naclIds: [change.naclId] };
  }
}
