import { child, collect, fail, isAbsent, type Node, ok, type Result, str } from '../read';
import type { Change } from '../types';
import { readTag, readTagSet, setEntries } from './ec2-sets';
import { type EventParser, fromResult } from './parser';

/** CreateTags -> 'tags-set' on any resources (the judge decides which resources and keys matter). */
export const createTagsParser: EventParser = ({ request }) => {
  const resourceIds = readResourceIds(child(request, 'resourcesSet'));
  if (!resourceIds.ok) return fromResult(resourceIds);
  const tagSet = child(request, 'tagSet');
  const tags = readTagSet(tagSet);
  if (!tags.ok) return fromResult(tags);
  if (Object.keys(tags.value).length === 0) return fromResult(fail(tagSet, 'sets no tag'));
  return fromResult(ok<Change>({ kind: 'tags-set', resourceIds: resourceIds.value, tags: tags.value }));
};

/**
 * DeleteTags -> 'tags-removed'. A value given removes the tag only when it has that value (an empty
 * string included). Without a tagSet the call removes every tag of the resources, which the event
 * cannot list: invalid, so nothing that depends on those tags is silently judged as unchanged.
 */
export const deleteTagsParser: EventParser = ({ request }) => {
  const resourceIds = readResourceIds(child(request, 'resourcesSet'));
  if (!resourceIds.ok) return fromResult(resourceIds);
  const tagSet = child(request, 'tagSet');
  if (isAbsent(tagSet.value)) {
    const reason = 'missing: the call removes every tag of the resources, which the event does not list';
    return fromResult(fail(tagSet, reason));
  }
  const entries = setEntries(tagSet);
  if (!entries.ok) return fromResult(entries);
  if (entries.value.length === 0) return fromResult(fail(tagSet, 'removes no tag'));
  const tags = collect(entries.value, readRemovedTag);
  if (!tags.ok) return fromResult(tags);
  return fromResult(ok<Change>({ kind: 'tags-removed', resourceIds: resourceIds.value, tags: tags.value }));
};

function readRemovedTag(node: Node): Result<{ key: string; value?: string }> {
  if (isAbsent(child(node, 'value').value)) {
    const key = str(child(node, 'key'));
    return key.ok ? ok({ key: key.value }) : key;
  }
  const tag = readTag(node);
  return tag.ok ? ok({ key: tag.value[0], value: tag.value[1] }) : tag;
}

/** `resourcesSet: { items: [{ resourceId }] }`; at least one resource. */
function readResourceIds(node: Node): Result<string[]> {
  const entries = setEntries(node);
  if (!entries.ok) return entries;
  const ids = collect(entries.value, (entry) => str(child(entry, 'resourceId')));
  if (!ids.ok) return ids;
  return ids.value.length > 0 ? ids : fail(node, isAbsent(node.value) ? 'missing' : 'names no resource');
}
