import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractRecords } from '../../../lambdas/core/events/extract';
import { parseDocument, parseRecord } from '../../../lambdas/core/events/parse';
import type { ParsedEvent } from '../../../lambdas/core/events/types';
import { FIXTURE_NAMES, loadFixture } from './fixtures';

type Container = Record<string, unknown> | unknown[];

const STATUSES = ['parsed', 'not-applied', 'ignored', 'invalid'];
const KINDS = [
  'sg-rules-added',
  'sg-rules-removed',
  'sg-rules-modified',
  'eni-groups-set',
  'nacl-entry-created',
  'nacl-entry-replaced',
  'nacl-entry-deleted',
  'nacl-association-replaced',
  'instances-launched',
  'eni-created',
  'eni-attached',
  'eni-detached',
  'instance-groups-set',
  'launch-template-version-created',
  'launch-template-default-set',
  'prefix-list-modified',
  'sg-created',
  'sg-deleted',
  'tags-set',
  'tags-removed',
];

/** The instance, ENI lifecycle, launch template, prefix list, group lifecycle and tag calls. */
const NEW_EVENT_NAMES = [
  'RunInstances',
  'CreateNetworkInterface',
  'AttachNetworkInterface',
  'DetachNetworkInterface',
  'ModifyInstanceAttribute',
  'CreateLaunchTemplate',
  'CreateLaunchTemplateVersion',
  'ModifyLaunchTemplate',
  'ModifyManagedPrefixList',
  'CreateSecurityGroup',
  'DeleteSecurityGroup',
  'CreateTags',
  'DeleteTags',
];

/** Every fixture document, plus each record inside it on its own (lookup-events records included). */
const CORPUS: readonly unknown[] = FIXTURE_NAMES.flatMap((name) => {
  const doc = loadFixture(name);
  const extracted = extractRecords(doc);
  return [doc, ...(extracted.ok ? extracted.records.map((r) => r.record) : [])];
});

/** Every (container, key) slot in a JSON value, depth first. */
function slots(value: unknown, out: [Container, string | number][] = []): [Container, string | number][] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([value, i]);
      slots(v, out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.push([value as Record<string, unknown>, k]);
      slots(v, out);
    }
  }
  return out;
}

/** A value of another JSON type than `value`. */
function retyped(value: unknown): unknown {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 0;
  if (Array.isArray(value)) return { items: value.length };
  if (value === null) return {};
  return Object.values(value as object);
}

type Mutation =
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'replace'; readonly at: number; readonly value: unknown }
  | { readonly kind: 'retype'; readonly at: number }
  | { readonly kind: 'truncate'; readonly at: number; readonly length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant('retype' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(), length: fc.nat({ max: 3 }) }),
);

function mutate(doc: unknown, mutations: readonly Mutation[]): unknown {
  const copy = structuredClone(doc);
  for (const m of mutations) {
    const all = slots(copy);
    const slot = all[m.at % Math.max(1, all.length)];
    if (!slot) continue;
    const [parent, key] = slot;
    const current = (parent as Record<string | number, unknown>)[key];
    const set = (v: unknown) => {
      (parent as Record<string | number, unknown>)[key] = v;
    };
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key as string];
    } else if (m.kind === 'replace') set(m.value);
    else if (m.kind === 'retype') set(retyped(current));
    else if (Array.isArray(current)) current.length = Math.min(current.length, m.length);
    else set(retyped(current));
  }
  return copy;
}

function assertWellFormed(events: readonly ParsedEvent[]): void {
  for (const event of events) {
    expect(STATUSES).toContain(event.status);
    if (event.status === 'invalid') {
      expect(event.path.startsWith('$')).toBe(true);
      expect(event.reason.length).toBeGreaterThan(0);
    }
    if (event.status === 'parsed') expect(KINDS).toContain(event.change.kind);
    if (event.status === 'ignored') expect(event.reason.length).toBeGreaterThan(0);
  }
}

describe('the change parser on mutated and random input', () => {
  it('never throws on mutated fixtures and always answers with one of the four statuses', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CORPUS),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (doc, mutations) => {
          // Prepare
          const mutated = mutate(doc, mutations);

          // Act
          const events = parseDocument(mutated);
          const direct = parseRecord({ path: '$', record: mutated });

          // Assess
          expect(events.length).toBeGreaterThanOrEqual(0);
          assertWellFormed([...events, direct]);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('never throws on arbitrary values, including non-JSON ones', () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withBoxedValues: true, withSparseArray: true }),
        (value) => {
          // Act
          const events = [...parseDocument(value), parseRecord({ path: '$', record: value })];

          // Assess
          assertWellFormed(events);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on records of a supported event whose request is random JSON', () => {
    const eventNames = fc.constantFrom(
      'AuthorizeSecurityGroupIngress',
      'RevokeSecurityGroupEgress',
      'ModifySecurityGroupRules',
      'ModifyNetworkInterfaceAttribute',
      'CreateNetworkAclEntry',
      'DeleteNetworkAclEntry',
      'ReplaceNetworkAclAssociation',
      ...NEW_EVENT_NAMES,
    );
    fc.assert(
      fc.property(
        eventNames,
        fc.jsonValue(),
        fc.jsonValue(),
        (eventName, requestParameters, responseElements) => {
          // Prepare
          const record = {
            eventSource: 'ec2.amazonaws.com',
            eventName,
            eventID: 'e-1',
            requestParameters,
            responseElements,
          };

          // Act
          const event = parseRecord({ path: '$.detail', record });

          // Assess
          assertWellFormed([event]);
          expect(['parsed', 'ignored', 'invalid']).toContain(event.status);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
