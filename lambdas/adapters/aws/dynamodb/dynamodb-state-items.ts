import type { CachedIds, CachedState } from '../../../app/ports';
import type { Item } from './dynamodb-batch';
import { decodeJson, encodeJson } from './dynamodb-json-codec';

/** The resource kinds of the state table, with where each lives in CachedState / CachedIds. */
export const STATE_KINDS = [
  { kind: 'group', state: 'groups', ids: 'groupIds' },
  { kind: 'eni', state: 'enis', ids: 'eniIds' },
  { kind: 'nacl', state: 'nacls', ids: 'naclIds' },
] as const;

export type StateKind = (typeof STATE_KINDS)[number]['kind'];

const DATA = { plain: 'data', gzip: 'dataGzip' } as const;

/**
 * Partition of the table: none for the home account; `<account>/<region>` for a member account, whose
 * keys are prefixed with it and whose `kind` is `<kind>@<scope>`, so its state never mixes with another's.
 */
export type StateScope = string | undefined;

const keyOf = (kind: StateKind, id: string, scope: StateScope) => `${scope ? `${scope}|` : ''}${kind}#${id}`;

/** The `kind` attribute (the byKind index's partition key) of a kind in a scope. */
export const scopedKind = (kind: StateKind, scope: StateScope) => (scope ? `${kind}@${scope}` : kind);

/**
 * The `kind` of the marker item each scoped partition keeps (`scope#<account>/<region>`), so the sweep
 * finds every account and region whose state is cached without scanning the table.
 */
export const SCOPE_KIND = 'scope';

/** The marker item of a scoped partition. */
export function scopeMarker(scope: string, updatedAt: string): Item {
  return { pk: { S: `${SCOPE_KIND}#${scope}` }, kind: { S: SCOPE_KIND }, scope: { S: scope }, updatedAt: { S: updatedAt } };
}

/** The key (`group#sg-0abc`, `eni#eni-1`, `nacl#acl-1`) of every id asked for, once each. */
export function keysOf(ids: CachedIds, scope?: StateScope): Item[] {
  const pks = STATE_KINDS.flatMap(({ kind, ids: field }) => (ids[field] ?? []).map((id) => keyOf(kind, id, scope)));
  return [...new Set(pks)].map((pk) => ({ pk: { S: pk } }));
}

/** One item per resource; a resource listed twice is written once (the last copy). */
export function itemsOf(state: CachedState, updatedAt: string, scope?: StateScope): Item[] {
  const items = new Map<string, Item>();
  const put = (kind: StateKind, id: string, value: unknown) => {
    const pk = keyOf(kind, id, scope);
    items.set(pk, {
      pk: { S: pk },
      kind: { S: scopedKind(kind, scope) },
      updatedAt: { S: updatedAt },
      ...encodeJson(value, DATA, pk),
    });
  };
  for (const group of state.groups) put('group', group.groupId, group);
  for (const eni of state.enis) put('eni', eni.eniId, eni);
  for (const nacl of state.nacls) put('nacl', nacl.naclId, nacl);
  return [...items.values()];
}

/** Sorts items back into a CachedState by their `kind` attribute, ordered by key. */
export function stateOf(items: readonly Item[], scope?: StateScope): CachedState {
  const sorted = [...items].sort((a, b) => (a.pk?.S ?? '').localeCompare(b.pk?.S ?? ''));
  const ofKind = (kind: StateKind) =>
    sorted.filter((item) => item.kind?.S === scopedKind(kind, scope)).map((item) => decodeJson(item, DATA, item.pk?.S ?? '?'));
  return {
    groups: ofKind('group') as CachedState['groups'],
    enis: ofKind('eni') as CachedState['enis'],
    nacls: ofKind('nacl') as CachedState['nacls'],
  };
}
