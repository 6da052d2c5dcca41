import {
  child,
  cidr,
  collect,
  fail,
  has,
  id,
  isRecord,
  type Node,
  ok,
  oneOrMany,
  type Result,
  show,
} from '../read';
import type { Change } from '../types';
import { type EventParser, fromResult, ignored } from './parser';

/**
 * ModifyManagedPrefixList -> 'prefix-list-modified': CloudTrail nests the parameters in
 * `ModifyManagedPrefixListRequest` (PascalCase; `AddEntry` / `RemoveEntry` a single `{ Cidr }` or an
 * array of them); a flat request (`prefixListId`) is read too. CIDRs are normalised. A call that only
 * renames or resizes the list changes no entry and is ignored.
 */
export const modifyPrefixListParser: EventParser = ({ request }) => {
  const wrapper = child(request, 'ModifyManagedPrefixListRequest');
  const body = isRecord(wrapper.value) ? wrapper : request;
  const key = has(body, 'PrefixListId') || body === wrapper ? 'PrefixListId' : 'prefixListId';
  const listId = id(child(body, key), 'prefix-list');
  if (!listId.ok) return fromResult(listId);
  const added = readEntries(child(body, 'AddEntry'));
  if (!added.ok) return fromResult(added);
  const removed = readEntries(child(body, 'RemoveEntry'));
  if (!removed.ok) return fromResult(removed);
  if (added.value.length === 0 && removed.value.length === 0) {
    return ignored(`ModifyManagedPrefixList on ${listId.value} adds and removes no entry`);
  }
  const change: Change = {
    kind: 'prefix-list-modified',
    prefixListId: listId.value,
    added: added.value,
    removed: removed.value,
  };
  return fromResult(ok(change));
};

/** `{ tag, Cidr, Description }` entries; the family follows the text (a list holds one family). */
function readEntries(node: Node): Result<string[]> {
  return collect(oneOrMany(node), (entry) => {
    if (!isRecord(entry.value)) return fail(entry, `expected a prefix list entry, got ${show(entry.value)}`);
    const text = child(entry, 'Cidr');
    return cidr(text, typeof text.value === 'string' && text.value.includes(':') ? 'ipv6' : 'ipv4');
  });
}
