import { indexPath, keyPath, ROOT_PATH } from './json-path';
import { child, isRecord, type Node, show } from './read';
import type { LocatedRecord } from './types';

/** Why a whole document could not be read. */
export interface ExtractError {
  readonly path: string;
  readonly reason: string;
}

export type ExtractResult =
  | { readonly ok: true; readonly records: readonly LocatedRecord[] }
  | { readonly ok: false; readonly error: ExtractError };

const CLOUDTRAIL_DETAIL_TYPE = 'AWS API Call via CloudTrail';
const EXPECTED =
  'expected a CloudTrail record, a log file {"Records": [...]}, lookup-events output {"Events": [...]}, ' +
  'an EventBridge "AWS API Call via CloudTrail" event, or an array of these';

type Located = LocatedRecord[] | ExtractError;

/**
 * Pulls every CloudTrail record out of an input document, each with the JSON path it came from.
 * Accepts an EventBridge event, a bare record, a log file, lookup-events output, or an array of these.
 * Never throws; a lookup-events entry whose CloudTrailEvent is not JSON becomes an `unreadable` record.
 */
export function extractRecords(doc: unknown): ExtractResult {
  const root: Node = { value: doc, path: ROOT_PATH };
  if (Array.isArray(doc)) {
    return {
      ok: true,
      records: doc.flatMap((value, i) => locateEntry({ value, path: indexPath(ROOT_PATH, i) })),
    };
  }
  const located = locate(root);
  return Array.isArray(located) ? { ok: true, records: located } : { ok: false, error: located };
}

/** An array entry: a problem with one entry must not sink the others. */
function locateEntry(node: Node): LocatedRecord[] {
  const located = Array.isArray(node.value)
    ? { path: node.path, reason: 'nested arrays are not supported' }
    : locate(node);
  return Array.isArray(located)
    ? located
    : [{ path: located.path, record: node.value, unreadable: located.reason }];
}

function locate(node: Node): Located {
  const doc = node.value;
  if (!isRecord(doc)) return { path: node.path, reason: `document is ${show(doc)}; ${EXPECTED}` };
  if (Object.hasOwn(doc, 'detail')) return fromEventBridge(node);
  if (Object.hasOwn(doc, 'Records')) return fromLogFile(child(node, 'Records'));
  if (Object.hasOwn(doc, 'Events')) return fromLookupEvents(child(node, 'Events'));
  if (Object.hasOwn(doc, 'eventName') || Object.hasOwn(doc, 'eventSource')) {
    return [{ path: node.path, record: doc }];
  }
  return { path: node.path, reason: `unrecognised object; ${EXPECTED}` };
}

function fromEventBridge(node: Node): Located {
  const detailType = child(node, 'detail-type').value;
  if (typeof detailType === 'string' && detailType !== CLOUDTRAIL_DETAIL_TYPE) {
    return {
      path: keyPath(node.path, 'detail-type'),
      reason: `EventBridge event of detail-type ${show(detailType)} is not "${CLOUDTRAIL_DETAIL_TYPE}"`,
    };
  }
  const detail = child(node, 'detail');
  if (!isRecord(detail.value))
    return { path: detail.path, reason: `detail is ${show(detail.value)}, expected an object` };
  return [{ path: detail.path, record: detail.value }];
}

function fromLogFile(records: Node): Located {
  if (!Array.isArray(records.value))
    return { path: records.path, reason: `Records is ${show(records.value)}, expected an array` };
  return Array.from(records.value, (record, i) => ({ path: indexPath(records.path, i), record }));
}

function fromLookupEvents(events: Node): Located {
  if (!Array.isArray(events.value))
    return { path: events.path, reason: `Events is ${show(events.value)}, expected an array` };
  return Array.from(events.value, (value, i) =>
    fromLookupEntry(child({ value, path: indexPath(events.path, i) }, 'CloudTrailEvent')),
  );
}

/** lookup-events carries each record as a JSON string in CloudTrailEvent. */
function fromLookupEntry(text: Node): LocatedRecord {
  if (typeof text.value !== 'string') {
    const what = text.value === undefined ? 'missing' : `${show(text.value)}, expected a JSON string`;
    return { path: text.path, record: text.value, unreadable: `CloudTrailEvent is ${what}` };
  }
  try {
    return { path: text.path, record: JSON.parse(text.value) as unknown };
  } catch {
    return { path: text.path, record: text.value, unreadable: 'CloudTrailEvent is not valid JSON' };
  }
}
