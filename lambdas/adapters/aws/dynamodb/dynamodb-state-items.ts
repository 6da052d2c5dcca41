import type { CachedIds, CachedState } from '../../../app/ports';
import type { Item } from './dynamodb-batch';
import { launchTemplateVersionKey } from '../../../core/model/types';
import { decodeJson, encodeJson } from './dynamodb-json-codec';
import { byCodeUnits } from '../../../core/util/compare';

/**
 * The resource kinds of the state table, with where each lives in CachedState / CachedIds and its id.
 *
 * Item sizes (DynamoDB's limit is 400 KB an item; the codec gzips JSON past 300 KB and refuses what
 * stays over 390 KB): every resource is one item, and a launch template's versions are one item EACH
 * (`ltv#lt-0abc#7`), never a list inside the template's item (a template may have 10,000 versions).
 * A prefix list keeps its CIDRs only (no descriptions): 1,000 entries (AWS's per-list maximum) are at
 * most ~46 KB of JSON. An instance keeps its id, state, tags (≤ 50) and ENI attachments.
 */
export const STATE_KINDS = [
  { kind: 'group', state: 'groups', ids: 'groupIds', id: (v: { groupId: string }) => v.groupId },
  { kind: 'eni', state: 'enis', ids: 'eniIds', id: (v: { eniId: string }) => v.eniId },
  { kind: 'nacl', state: 'nacls', ids: 'naclIds', id: (v: { naclId: string }) => v.naclId },
  { kind: 'instance', state: 'instances', ids: 'instanceIds', id: (v: { instanceId: string }) => v.instanceId },
  { kind: 'pl', state: 'prefixLists', ids: 'prefixListIds', id: (v: { prefixListId: string }) => v.prefixListId },
  {
    kind: 'lt',
    state: 'launchTemplates',
    ids: 'launchTemplateIds',
    id: (v: { launchTemplateId: string }) => v.launchTemplateId,
  },
  {
    kind: 'ltv',
    state: 'launchTemplateVersions',
    ids: 'launchTemplateVersionKeys',
    id: (v: { launchTemplateId: string; versionNumber: number }) =>
      launchTemplateVersionKey(v.launchTemplateId, v.versionNumber),
  },
] as const;

export type StateKind = (typeof STATE_KINDS)[number]['kind'];

/** The `kind` of the one item that says which optional layers the last full read covered. */
export const COVERAGE_KIND = 'coverage';

const DATA = { plain: 'data', gzip: 'dataGzip' } as const;

/**
 * Partition of the table: none for the home account; `<account>/<region>` for a member account, whose
 * keys are prefixed with it and whose `kind` is `<kind>@<scope>`, so its state never mixes with another's.
 */
export type StateScope = string | undefined;

const keyOf = (kind: StateKind | typeof COVERAGE_KIND, id: string, scope: StateScope) => `${scope ? `${scope}|` : ''}${kind}#${id}`;

/** The `kind` attribute (the byKind index's partition key) of a kind in a scope. */
export const scopedKind = (kind: StateKind | typeof COVERAGE_KIND, scope: StateScope) => (scope ? `${kind}@${scope}` : kind);

/**
 * The attribute every state item carries (the byScope index's partition key): `home`, or the member's
 * `<account>/<region>` (always holds a `/`, so never `home`). Only state items carry it: decisions,
 * replay guards and scope markers stay out of the index.
 */
export const SCOPE_ATTRIBUTE = 'stateScope';
export const scopeValue = (scope: StateScope) => scope ?? 'home';

/**
 * The coverage item's `layout` attribute: 2 = every state item of the scope carries SCOPE_ATTRIBUTE,
 * so one byScope Query reads it all; absent = items written before it may lack it (read per kind).
 */
export const LAYOUT_ATTRIBUTE = 'layout';
export const SCOPE_LAYOUT = 2;

/** The key of the coverage item of a scope. */
export const coverageKey = (scope: StateScope) => keyOf(COVERAGE_KIND, 'layers', scope);

/** Whether these items (of one scope) hold its coverage item, marked as written in the byScope layout. */
export function hasScopeLayout(items: readonly Item[], scope: StateScope): boolean {
  const pk = coverageKey(scope);
  return items.some((item) => item.pk?.S === pk && Number(item[LAYOUT_ATTRIBUTE]?.N) >= SCOPE_LAYOUT);
}

/**
 * The `kind` of the marker item each scoped partition keeps (`scope#<account>/<region>`), so the sweep
 * finds every account and region whose state is cached without scanning the table.
 */
export const SCOPE_KIND = 'scope';

/** The marker item of a scoped partition. */
export function scopeMarker(scope: string, updatedAt: string): Item {
  return { pk: { S: `${SCOPE_KIND}#${scope}` }, kind: { S: SCOPE_KIND }, scope: { S: scope }, updatedAt: { S: updatedAt } };
}

/** The key (`group#sg-0abc`, `eni#eni-1`, `ltv#lt-1#7`...) of every id asked for, once each. */
export function keysOf(ids: CachedIds, scope?: StateScope): Item[] {
  const pks = STATE_KINDS.flatMap(({ kind, ids: field }) => (ids[field] ?? []).map((id) => keyOf(kind, id, scope)));
  return [...new Set(pks)].map((pk) => ({ pk: { S: pk } }));
}

/**
 * One item per resource (a resource listed twice is written once: the last copy), and the coverage
 * last (marked with the byScope layout when `layout` says so), each with SCOPE_ATTRIBUTE.
 */
export function itemsOf(state: CachedState, updatedAt: string, scope?: StateScope, layout = false): Item[] {
  const items = new Map<string, Item>();
  const put = (kind: StateKind | typeof COVERAGE_KIND, id: string, value: unknown) => {
    const pk = keyOf(kind, id, scope);
    items.set(pk, {
      pk: { S: pk },
      kind: { S: scopedKind(kind, scope) },
      [SCOPE_ATTRIBUTE]: { S: scopeValue(scope) },
      updatedAt: { S: updatedAt },
      ...encodeJson(value, DATA, pk),
    });
  };
  for (const { kind, state: field, id } of STATE_KINDS)
    for (const value of state[field] ?? []) put(kind, (id as (v: unknown) => string)(value), value);
  if (state.coverage) {
    put(COVERAGE_KIND, 'layers', state.coverage);
    if (layout) items.get(coverageKey(scope))![LAYOUT_ATTRIBUTE] = { N: String(SCOPE_LAYOUT) };
  }
  return [...items.values()];
}

/** Sorts items back into a CachedState by their `kind` attribute, ordered by key. */
export function stateOf(items: readonly Item[], scope?: StateScope): CachedState {
  const sorted = [...items].sort((a, b) => byCodeUnits(a.pk?.S ?? '', b.pk?.S ?? ''));
  const ofKind = (kind: StateKind | typeof COVERAGE_KIND) =>
    sorted.filter((item) => item.kind?.S === scopedKind(kind, scope)).map((item) => decodeJson(item, DATA, item.pk?.S ?? '?'));
  const [coverage] = ofKind(COVERAGE_KIND) as CachedState['coverage'][];
  return {
    groups: ofKind('group') as CachedState['groups'],
    enis: ofKind('eni') as CachedState['enis'],
    nacls: ofKind('nacl') as CachedState['nacls'],
    instances: ofKind('instance') as NonNullable<CachedState['instances']>,
    prefixLists: ofKind('pl') as NonNullable<CachedState['prefixLists']>,
    launchTemplates: ofKind('lt') as NonNullable<CachedState['launchTemplates']>,
    launchTemplateVersions: ofKind('ltv') as NonNullable<CachedState['launchTemplateVersions']>,
    ...(coverage && { coverage }),
  };
}
