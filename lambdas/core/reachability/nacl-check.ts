import type { NetworkAcl, NetworkModel } from '../model/types';
import { describeTraffic } from '../rules/describe';
import type { LayerResult, PortRange } from '../verdict/types';
import { evaluateNaclEntries, type NaclQuery, type NaclSegment } from './nacl-eval';
import type { Block, LayerOutcome } from './types';

/** The result of one NACL direction of one subnet, with what a fix needs when it denies. */
export interface NaclCheck {
  readonly status: Exclude<LayerResult['status'], 'skipped'>;
  readonly detail: string;
  readonly decidedBy?: string;
  readonly naclId?: string;
  readonly denyRuleNumber?: number;
}

/** '90', or '*' for the default rule (32767): for identifiers such as `acl-1#*`. */
export const ruleLabel = (ruleNumber: number | undefined): string =>
  ruleNumber === undefined || ruleNumber >= 32767 ? '*' : String(ruleNumber);

/** A NACL entry for people: '#90', or '* (default)' for the default rule AWS shows as `*`. */
export const ruleName = (ruleNumber: number | undefined): string =>
  ruleNumber === undefined || ruleNumber >= 32767 ? '* (default)' : `#${ruleNumber}`;

function segmentTraffic(query: NaclQuery, ranges: readonly PortRange[]): string {
  return describeTraffic(query.protocol, query.ports ? ranges : undefined);
}

function describeDeny(naclId: string, query: NaclQuery, s: NaclSegment): string {
  const toFrom = query.egress ? 'to' : 'from';
  const traffic = segmentTraffic(query, s.ranges);
  if (s.entry) return `${naclId} ${ruleName(s.entry.ruleNumber)} denies ${traffic} ${toFrom} ${query.ip}`;
  const direction = query.egress ? 'egress' : 'ingress';
  return `${naclId} has no ${direction} entry allowing ${traffic} ${toFrom} ${query.ip} (default deny *)`;
}

function describeAllow(naclId: string, query: NaclQuery, segments: readonly NaclSegment[]): string {
  const toFrom = query.egress ? 'to' : 'from';
  const numbers = segments.map((s) => ruleName(s.entry?.ruleNumber)).join(', ');
  const verb = segments.length > 1 ? 'allow' : 'allows';
  const traffic = segmentTraffic(query, query.ports ? [query.ports] : []);
  return `${naclId} ${numbers} ${verb} ${traffic} ${toFrom} ${query.ip}`;
}

/**
 * Checks already made per NACL. A NetworkAcl is immutable (a change yields a new object), so a result
 * stays valid for as long as its NACL object lives: unchanged NACLs share results between the states
 * before and after a change and across events.
 */
const checks = new WeakMap<NetworkAcl, Map<string, NaclCheck>>();
const MAX_CHECKS_PER_NACL = 4096;

/** Judges the NACL of `subnetId` for one direction; a NACL we cannot see is not-evaluated, never allowed. */
export function checkNacl(model: NetworkModel, subnetId: string, query: NaclQuery): NaclCheck {
  if (!model.coverage.nacls)
    return { status: 'not-evaluated', detail: 'network ACLs are not loaded (describe-network-acls missing)' };
  const nacl = model.naclForSubnet(subnetId);
  if (!nacl) return { status: 'not-evaluated', detail: `no network ACL is known for ${subnetId}` };
  const key = `${query.egress}|${query.protocol}|${query.ip}|${query.ports?.from}-${query.ports?.to}`;
  const known = checks.get(nacl) ?? new Map<string, NaclCheck>();
  checks.set(nacl, known);
  let check = known.get(key);
  if (!check) {
    if (known.size >= MAX_CHECKS_PER_NACL) known.clear();
    check = decide(nacl, query);
    known.set(key, check);
  }
  return check;
}

function decide(nacl: NetworkAcl, query: NaclQuery): NaclCheck {
  const decision = evaluateNaclEntries(nacl.entries, query);
  const first = decision.segments.find((s) => s.action === (decision.allowed ? 'allow' : 'deny'));
  const decidedBy = `${nacl.naclId}#${ruleLabel(first?.entry?.ruleNumber)}`;
  if (decision.allowed)
    return { status: 'allow', detail: describeAllow(nacl.naclId, query, decision.segments), decidedBy };
  const denies = decision.segments.filter((s) => s.action === 'deny');
  // The '*' entry (32767) AWS lists is the default deny: a fix goes after the last entry, not just below it.
  const explicit = denies.flatMap((s) => (s.entry && s.entry.ruleNumber < 32767 ? [s.entry.ruleNumber] : []));
  return {
    status: 'block',
    detail: denies.map((s) => describeDeny(nacl.naclId, query, s)).join('; '),
    decidedBy,
    naclId: nacl.naclId,
    ...(explicit.length > 0 ? { denyRuleNumber: Math.min(...explicit) } : {}),
  };
}

type NaclLayer = Extract<LayerResult['layer'], 'nacl-outbound' | 'nacl-inbound' | 'nacl-return'>;

/** The Block a fix needs for a denying check (none otherwise). */
export function naclBlocks(layer: NaclLayer, check: NaclCheck, query: NaclQuery): Block[] {
  if (check.status !== 'block' || check.naclId === undefined) return [];
  return [
    {
      layer,
      naclId: check.naclId,
      egress: query.egress,
      peerIp: query.ip,
      ...(check.denyRuleNumber !== undefined ? { denyRuleNumber: check.denyRuleNumber } : {}),
      ...(query.ports ? { ports: query.ports } : {}),
    },
  ];
}

/** One NACL direction as a whole layer. */
export function naclLayerOutcome(
  model: NetworkModel,
  layer: NaclLayer,
  subnetId: string,
  query: NaclQuery,
): LayerOutcome {
  const check = checkNacl(model, subnetId, query);
  const result: LayerResult = {
    layer,
    status: check.status,
    detail: check.detail,
    ...(check.decidedBy ? { decidedBy: check.decidedBy } : {}),
  };
  return { result, blocks: naclBlocks(layer, check, query) };
}
