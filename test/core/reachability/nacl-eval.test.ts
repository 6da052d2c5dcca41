import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NaclEntry } from '../../../lambdas/core/model/types';
import { evaluateNaclEntries } from '../../../lambdas/core/reachability/nacl-eval';
import { cidrContains } from '../../../lambdas/core/util/cidr';
import { rangeContains } from '../../../lambdas/core/util/ports';
import { naclEntry } from '../support/builders';

const query = { egress: true, protocol: 'tcp', ip: '10.0.0.10', ports: { from: 1024, to: 65535 } } as const;

describe('evaluateNaclEntries', () => {
  it('applies entries in ascending rule number, whatever their order in the list', () => {
    // Prepare
    const entries = [
      naclEntry({ ruleNumber: 200, egress: true }),
      naclEntry({ ruleNumber: 100, egress: true, action: 'deny', protocol: 'tcp', ports: [1024, 2047] }),
    ];
    // Act
    const decision = evaluateNaclEntries(entries, query);
    // Assess
    expect(decision.allowed).toBe(false);
    expect(decision.denied).toEqual([{ from: 1024, to: 2047 }]);
    expect(decision.segments.map((s) => [s.action, s.entry?.ruleNumber])).toEqual([
      ['deny', 100],
      ['allow', 200],
    ]);
  });

  it('denies by default what no entry matches', () => {
    // Prepare
    const entries = [naclEntry({ ruleNumber: 100, egress: true, protocol: 'tcp', ports: [1024, 49151] })];
    // Act
    const decision = evaluateNaclEntries(entries, query);
    // Assess
    expect(decision.denied).toEqual([{ from: 49152, to: 65535 }]);
    expect(decision.segments.at(-1)?.entry).toBeUndefined();
  });

  it('ignores entries of the other direction, protocol or address family', () => {
    // Prepare
    const entries = [
      naclEntry({ ruleNumber: 10, egress: false, action: 'deny' }),
      naclEntry({ ruleNumber: 20, egress: true, action: 'deny', protocol: 'udp' }),
      naclEntry({ ruleNumber: 30, egress: true, action: 'deny', cidr: '::/0' }),
      naclEntry({ ruleNumber: 40, egress: true, action: 'deny', cidr: '10.0.1.0/24' }),
      naclEntry({ ruleNumber: 100, egress: true }),
    ];
    // Act
    const decision = evaluateNaclEntries(entries, query);
    // Assess
    expect(decision.allowed).toBe(true);
    expect(decision.segments.map((s) => s.entry?.ruleNumber)).toEqual([100]);
  });

  it('decides protocols without ports as a whole', () => {
    // Prepare
    const entries = [
      naclEntry({ ruleNumber: 50, egress: true, protocol: 'icmp' }),
      naclEntry({ ruleNumber: 60, egress: true, action: 'deny' }),
    ];
    // Act
    const icmp = evaluateNaclEntries(entries, { egress: true, protocol: 'icmp', ip: '10.0.0.1' });
    const udp = evaluateNaclEntries(entries, {
      egress: true,
      protocol: 'udp',
      ip: '10.0.0.1',
      ports: { from: 53, to: 53 },
    });
    // Assess
    expect(icmp.allowed).toBe(true);
    expect(icmp.denied).toEqual([]);
    expect(udp.allowed).toBe(false);
  });

  it('lets a deny of a single protocol block part of all-traffic, and an all-traffic allow admit it', () => {
    // Prepare
    const partialDeny = [
      naclEntry({ ruleNumber: 10, egress: true, action: 'deny', protocol: 'udp' }),
      naclEntry({ ruleNumber: 100, egress: true }),
    ];
    const partialAllow = [
      naclEntry({ ruleNumber: 10, egress: true, protocol: 'tcp' }),
      naclEntry({ ruleNumber: 100, egress: true }),
    ];
    // Act
    const denied = evaluateNaclEntries(partialDeny, { egress: true, protocol: '-1', ip: '10.0.0.1' });
    const allowed = evaluateNaclEntries(partialAllow, { egress: true, protocol: '-1', ip: '10.0.0.1' });
    // Assess
    expect(denied.allowed).toBe(false);
    expect(allowed.allowed).toBe(true);
    expect(allowed.segments[0]?.entry?.ruleNumber).toBe(100);
  });
});

const CIDRS = ['0.0.0.0/0', '10.0.0.0/16', '10.0.1.0/24', '10.0.1.15/32', '192.168.0.0/16', '::/0'];
const IPS = ['10.0.1.15', '10.0.0.10', '192.168.1.1', '172.16.0.1'];
const MAX_PORT = 300;

const entryArb = fc.record({
  ruleNumber: fc.integer({ min: 1, max: 500 }),
  egress: fc.boolean(),
  protocol: fc.constantFrom('tcp', 'udp', '-1'),
  action: fc.constantFrom('allow' as const, 'deny' as const),
  cidr: fc.constantFrom(...CIDRS),
  range: fc.tuple(fc.integer({ min: 0, max: MAX_PORT }), fc.integer({ min: 0, max: MAX_PORT })),
});

type EntryInput = typeof entryArb extends fc.Arbitrary<infer T> ? T : never;

function toEntry(e: EntryInput): NaclEntry {
  const [a, b] = e.range;
  return naclEntry({
    ruleNumber: e.ruleNumber,
    egress: e.egress,
    protocol: e.protocol,
    action: e.action,
    cidr: e.cidr,
    ...(e.protocol === '-1' ? {} : { ports: [Math.min(a, b), Math.max(a, b)] as const }),
  });
}

/** The reference: one port at a time, first matching entry by rule number wins, default deny. */
function bruteForce(
  entries: readonly NaclEntry[],
  egress: boolean,
  protocol: string,
  ip: string,
  port: number,
): boolean {
  const match = [...entries]
    .sort((a, b) => a.ruleNumber - b.ruleNumber)
    .find(
      (e) =>
        e.egress === egress &&
        (e.protocol === '-1' || e.protocol === protocol) &&
        cidrContains(e.cidr, ip) &&
        (!e.portRange || (e.portRange.from <= port && port <= e.portRange.to)),
    );
  return match?.action === 'allow';
}

describe('evaluateNaclEntries (property)', () => {
  it('agrees with a per-port brute-force evaluation', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(entryArb, { maxLength: 12, selector: (e) => `${e.egress}:${e.ruleNumber}` }),
        fc.boolean(),
        fc.constantFrom('tcp', 'udp'),
        fc.constantFrom(...IPS),
        fc.tuple(fc.integer({ min: 0, max: MAX_PORT }), fc.integer({ min: 0, max: MAX_PORT })),
        (raw, egress, protocol, ip, [a, b]) => {
          // Prepare
          const entries = raw.map(toEntry);
          const ports = { from: Math.min(a, b), to: Math.max(a, b) };
          // Act
          const decision = evaluateNaclEntries(entries, { egress, protocol, ip, ports });
          // Assess
          const expected: boolean[] = [];
          const actual: boolean[] = [];
          for (let port = ports.from; port <= ports.to; port++) {
            expected.push(bruteForce(entries, egress, protocol, ip, port));
            actual.push(!rangeContains(decision.denied, port));
          }
          expect(actual).toEqual(expected);
          expect(decision.allowed).toBe(expected.every(Boolean));
        },
      ),
      { numRuns: 300 },
    );
  });
});
