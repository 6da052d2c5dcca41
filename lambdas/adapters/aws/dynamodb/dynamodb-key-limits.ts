import type { StorageCheck } from '../../../app/ledger-ports';

/** DynamoDB's key limits (bytes of UTF-8): a partition key up to 2048, a sort key up to 1024. */
export const MAX_PARTITION_KEY_BYTES = 2048;
export const MAX_SORT_KEY_BYTES = 1024;

/**
 * The longest prefix a stored key puts before an id: a member account's state scope
 * (`<12-digit account>/<region>|`, regions are at most ~20 characters) and a kind (`instance#`), with
 * room to spare; the audit's `group#` and `event#` are shorter.
 */
const LONGEST_PREFIX_BYTES = 64;
/** The audit's sort key per group: `<recordedAt ISO, 24 characters>#<eventId>`. */
const AUDIT_SORT_PREFIX_BYTES = 25;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * The StorageCheck of the DynamoDB stores: an eventID keys the audit (`event#<id>` and, in each group's
 * items, the sort key `<time>#<id>`), a resource id keys the state cache and the audit per group.
 */
export const dynamoDbStorageCheck: StorageCheck = ({ eventId, resourceIds }) => {
  if (eventId !== undefined && AUDIT_SORT_PREFIX_BYTES + bytes(eventId) > MAX_SORT_KEY_BYTES)
    return (
      `the eventID is ${bytes(eventId)} bytes: the audit's sort key (<time>#<eventID>) holds at most ` +
      `${MAX_SORT_KEY_BYTES} bytes in DynamoDB`
    );
  for (const id of resourceIds)
    if (LONGEST_PREFIX_BYTES + bytes(id) > MAX_PARTITION_KEY_BYTES)
      return (
        `resource id "${id.slice(0, 40)}…" is ${bytes(id)} bytes: a DynamoDB partition key holds at most ` +
        `${MAX_PARTITION_KEY_BYTES} bytes`
      );
  return undefined;
};
