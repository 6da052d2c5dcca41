import { EC2_EVENT_SOURCE } from '../events/parse';
import { isRecord, show } from '../events/read';

export type LookupRecord =
  | { readonly tag: 'other'; readonly time: unknown }
  | { readonly tag: 'record'; readonly record: unknown; readonly path: string }
  | { readonly tag: 'invalid'; readonly path: string; readonly reason: string };

/**
 * One entry of `aws cloudtrail lookup-events` output. Its EventName and EventSource say whether the
 * record is a change to judge; only then is the CloudTrailEvent JSON text parsed.
 */
export function lookupEntryRecord(
  entry: unknown,
  path: string,
  isSupported: (eventName: string) => boolean,
): LookupRecord {
  if (!isRecord(entry))
    return { tag: 'invalid', path, reason: `entry is ${show(entry)}, expected an object` };
  const name = entry.EventName;
  const source = entry.EventSource;
  const named = typeof name === 'string' && typeof source === 'string';
  if (named && !(source === EC2_EVENT_SOURCE && isSupported(name)))
    return { tag: 'other', time: entry.EventTime };
  const at = `${path}.CloudTrailEvent`;
  const text = entry.CloudTrailEvent;
  if (typeof text !== 'string')
    return {
      tag: 'invalid',
      path: at,
      reason: `CloudTrailEvent is ${text === undefined ? 'missing' : show(text)}`,
    };
  try {
    return { tag: 'record', record: JSON.parse(text) as unknown, path: at };
  } catch {
    return { tag: 'invalid', path: at, reason: 'CloudTrailEvent is not valid JSON' };
  }
}
