import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import { parseDocument } from '../../../lambdas/core/events/parse';
import type { Change, EventMeta, ParsedEvent } from '../../../lambdas/core/events/types';
import type { NaclEntry, NetworkModel, RuleSpec, SgRule } from '../../../lambdas/core/model/types';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { judge } from '../../../lambdas/core/verdict/judge';
import type { Verdict } from '../../../lambdas/core/verdict/types';
import { EXAMPLES, loadExamples, NOW } from '../../support/examples';

let model: NetworkModel;
let config: GuardianConfig;
const meta: EventMeta = {
  eventId: 'prop',
  eventName: 'Prop',
  actor: { arn: 'arn:aws:iam::123456789012:user/p', via: 'cli' },
};

beforeAll(async () => {
  ({ model, config } = await loadExamples());
});

const GROUPS = ['sg-0nginx456', 'sg-0backend123', 'sg-0cache321', 'sg-0legacy789'];
const peer = fc.oneof(
  fc
    .constantFrom('0.0.0.0/0', '::/0', '10.0.1.0/24', '10.0.2.0/24', '10.0.0.0/16')
    .map((cidr) => ({ kind: 'cidr' as const, cidr })),
  fc.constantFrom(...GROUPS).map((groupId) => ({ kind: 'sg' as const, groupId, userId: '123456789012' })),
);
const spec: fc.Arbitrary<RuleSpec> = fc.oneof(
  fc
    .record({
      protocol: fc.constantFrom('tcp', 'udp'),
      fromPort: fc.constantFrom(22, 443, 6379, 8000, 8080, 0),
      span: fc.nat(3000),
      peer,
    })
    .map(({ span, ...r }) => ({ ...r, toPort: Math.min(65535, r.fromPort + span) })),
  peer.map((p) => ({ protocol: '-1', fromPort: -1, toPort: -1, peer: p })),
);

/** A random change whose prior state the event itself determines (so both snapshot positions can derive it). */
function changeArbitrary(): fc.Arbitrary<Change | undefined> {
  const direction = fc.constantFrom('ingress' as const, 'egress' as const);
  const added = fc
    .record({
      groupId: fc.constantFrom(...GROUPS),
      direction,
      rules: fc.array(spec, { minLength: 1, maxLength: 3 }),
    })
    .map(({ groupId, direction, rules }) => {
      const group = model.group(groupId)!;
      const key = (r: RuleSpec) =>
        JSON.stringify([
          r.protocol,
          r.fromPort,
          r.toPort,
          r.peer.kind === 'cidr' ? r.peer.cidr : r.peer.kind === 'sg' ? r.peer.groupId : '',
        ]);
      const existing = new Set(group.rules.filter((r) => r.direction === direction).map(key));
      const fresh = [...new Map(rules.map((r) => [key(r), r])).values()].filter((r) => !existing.has(key(r)));
      if (fresh.length === 0) return undefined; // AWS rejects an authorize of an existing rule
      return {
        kind: 'sg-rules-added' as const,
        groupId,
        direction,
        rules: fresh.map((r, i) => ({ ...r, ruleId: `sgr-0prop${i}` })),
      };
    });
  const existingRules = fc.constantFrom(...GROUPS).chain((groupId) => {
    const rules = model.group(groupId)!.rules;
    return fc.subarray([...rules], { minLength: 1 }).map((picked) => ({ groupId, picked }));
  });
  const removed = fc.tuple(existingRules, fc.boolean()).map(([{ groupId, picked }, byId]) => {
    const direction = picked[0]!.direction;
    const same = picked.filter((r) => r.direction === direction);
    const content = (r: SgRule) => ({
      protocol: r.protocol,
      fromPort: r.fromPort,
      toPort: r.toPort,
      peer: r.peer,
      description: r.description,
    });
    return byId
      ? {
          kind: 'sg-rules-removed' as const,
          groupId,
          direction,
          rules: [],
          ruleIds: same.map((r) => r.ruleId!),
          revoked: same.map((r) => ({ ...content(r), ruleId: r.ruleId })),
        }
      : {
          kind: 'sg-rules-removed' as const,
          groupId,
          direction,
          rules: same.map(({ description: _d, ...r }) => content(r as SgRule)),
          ruleIds: [],
        };
  });
  const naclCreated = fc
    .record({
      naclId: fc.constantFrom('acl-0web1', 'acl-0app1'),
      ruleNumber: fc.integer({ min: 1, max: 99 }),
      egress: fc.boolean(),
      action: fc.constantFrom('allow' as const, 'deny' as const),
      cidr: fc.constantFrom('10.0.1.0/24', '10.0.2.0/24', '0.0.0.0/0', '10.0.1.10/32'),
      from: fc.constantFrom(1024, 8080, 6379, 1),
    })
    .map(({ naclId, ruleNumber, egress, action, cidr, from }): Change => {
      const entry: NaclEntry = {
        ruleNumber,
        egress,
        action,
        cidr,
        protocol: '6',
        portRange: { from, to: from === 1 ? 65535 : from + 20000 > 65535 ? 65535 : from },
      };
      return { kind: 'nacl-entry-created', naclId, entry };
    });
  return fc.oneof(added, removed, naclCreated);
}

/** What must agree between the two snapshot positions (descriptions may only be known from one). */
function essence(v: Verdict) {
  const strip = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value, (k, x) => (k === 'Description' || k === 'description' ? undefined : x)));
  return {
    verdict: v.verdict,
    action: v.action,
    findings: v.findings
      .map((f) => [f.kind, f.ruleId, f.groupId, f.dependency, f.blockedBy, f.ports, f.pairs?.length])
      .sort(),
    revert: strip(v.revert.steps.map((s) => [s.api, s.input])),
  };
}

describe('judge (property)', () => {
  it('gives the same verdict, findings and revert plan for a snapshot taken before or after the change', () => {
    fc.assert(
      fc.property(changeArbitrary(), (change) => {
        fc.pre(change !== undefined);
        // Prepare
        const event: ParsedEvent = { status: 'parsed', meta, change: change! };
        const afterSnapshot = applyChange(model, change!).model;

        // Act
        const early = judge({ event, model, config, now: NOW });
        const late = judge({ event, model: afterSnapshot, config, now: NOW });

        // Assess
        expect(early.snapshotPosition).toBe('before');
        expect(late.snapshotPosition).toBe('after');
        expect(essence(late)).toEqual(essence(early));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on a mutated event, and never reverts one it cannot read', () => {
    // Prepare
    const raw = readdirSync(join(EXAMPLES, 'events')).map((f) =>
      JSON.parse(readFileSync(join(EXAMPLES, 'events', f), 'utf8')),
    );
    const mutate = (doc: unknown, path: string[], value: unknown): unknown => {
      if (path.length === 0 || doc === null || typeof doc !== 'object') return value;
      const [head, ...rest] = path as [string, ...string[]];
      const copy: Record<string, unknown> = Array.isArray(doc) ? ([...doc] as never) : { ...(doc as object) };
      if (!(head in copy)) return doc;
      if (rest.length === 0 && value === '__delete__') delete copy[head];
      else copy[head] = mutate(copy[head], rest, value);
      return copy;
    };
    const paths = (doc: unknown, prefix: string[] = []): string[][] =>
      doc !== null && typeof doc === 'object'
        ? Object.entries(doc).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])])
        : [];

    fc.assert(
      fc.property(
        fc
          .constantFrom(...raw)
          .chain((doc) =>
            fc.tuple(
              fc.constant(doc),
              fc.constantFrom(...paths(doc)),
              fc.oneof(fc.jsonValue(), fc.constant('__delete__')),
            ),
          ),
        ([doc, path, value]) => {
          // Act
          const verdicts = parseDocument(mutate(doc, path, value)).map((event) =>
            judge({ event, model, config, now: NOW }),
          );

          // Assess
          for (const v of verdicts)
            if (v.verdict !== 'violation') {
              expect(v.revert.steps).toEqual([]);
              expect(v.action).not.toBe('revert');
            }
        },
      ),
      { numRuns: 500 },
    );
  });
});
