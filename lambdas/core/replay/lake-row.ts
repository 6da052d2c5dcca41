import { isRecord, show } from '../events/read';

/** CloudTrail Lake columns (lower case) and the record fields they hold. */
const FIELDS: ReadonlyMap<string, string> = new Map(
  [
    'eventVersion',
    'userIdentity',
    'eventTime',
    'eventSource',
    'eventName',
    'awsRegion',
    'sourceIPAddress',
    'userAgent',
    'errorCode',
    'errorMessage',
    'requestParameters',
    'responseElements',
    'additionalEventData',
    'requestID',
    'eventID',
    'readOnly',
    'resources',
    'eventType',
    'apiVersion',
    'managementEvent',
    'recipientAccountId',
    'sharedEventID',
    'vpcEndpointId',
    'eventCategory',
    'sessionCredentialFromConsole',
  ].map((f) => [f.toLowerCase(), f]),
);

/** The column that holds the whole record as JSON text. */
const EVENT_JSON = 'eventjson';

export type LakeRecord =
  | { readonly ok: true; readonly record: unknown; readonly path: string }
  | { readonly ok: false; readonly path: string; readonly reason: string };

/**
 * One row of `aws cloudtrail get-query-results` (QueryResultRows[i]: a list of single-key objects)
 * as a CloudTrail record: the `eventJson` column when selected (recommended:
 * `SELECT eventJson FROM <event-data-store> WHERE eventSource = 'ec2.amazonaws.com'`), otherwise the
 * record rebuilt from its columns, nested values parsed from their JSON text.
 */
export function lakeRowRecord(row: unknown, path: string): LakeRecord {
  if (!Array.isArray(row))
    return { ok: false, path, reason: `row is ${show(row)}, expected a list of columns` };
  const columns = new Map<string, unknown>();
  row.forEach((cell: unknown, i) => {
    if (isRecord(cell)) for (const [k, v] of Object.entries(cell)) columns.set(k.toLowerCase(), v);
    else columns.set(`\u0000${i}`, cell);
  });
  const eventJson = columns.get(EVENT_JSON);
  if (eventJson !== undefined) {
    const at = `${path}[${[...columns.keys()].indexOf(EVENT_JSON)}].eventJson`;
    if (isRecord(eventJson)) return { ok: true, record: eventJson, path: at };
    if (typeof eventJson !== 'string')
      return { ok: false, path: at, reason: `eventJson is ${show(eventJson)}` };
    try {
      return { ok: true, record: JSON.parse(eventJson) as unknown, path: at };
    } catch {
      return { ok: false, path: at, reason: 'eventJson is not valid JSON' };
    }
  }
  const record: Record<string, unknown> = {};
  for (const [column, value] of columns) {
    const field = FIELDS.get(column);
    if (field !== undefined) record[field] = field === 'eventTime' ? value : fromText(value);
  }
  if (Object.keys(record).length === 0)
    return { ok: false, path, reason: 'no eventJson column and no CloudTrail record column' };
  return { ok: true, record, path };
}

/** Lake returns every value as text: objects and arrays come back as JSON text, or stay text. */
function fromText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const first = value.charCodeAt(0);
  if (first !== 123 /* { */ && first !== 91 /* [ */) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
