import type { NaclEntry, NetworkAcl, NetworkModel } from '../model/types';
import { describeTraffic } from '../rules/describe';
import type { LayerResult, PortRange } from '../verdict/types';
import { compiledCidrs, compiledContains, ipv4Value } from './ip-match';
import { evaluateNaclEntries, type NaclQuery, type NaclSegment, orderedEntries } from './nacl-eval';
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
const ruleLabel = (ruleNumber: number | undefined): string =>
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
 * before and after a change and across events. A check depends on the peer IP only through which of
 * the direction's entries contain it (its signature), so checks are kept per signature with the IP left
 * open in their detail: every new address costs a few compares, not an evaluation, and nothing is kept
 * per address.
 */
interface OpenCheck {
  readonly check: NaclCheck;
  /** The detail around the peer IP: `parts.join(ip)`. */
  readonly parts: readonly string[];
}
type BySignature = Map<number, OpenCheck>;

/** One direction of one NACL: its entries in rule order, their CIDRs compiled, its checks so far. */
interface NaclDirection {
  readonly entries: readonly NaclEntry[];
  readonly cidrs: ReturnType<typeof compiledCidrs>;
  /** protocol -> ports (from * 65536 + to, -1 without ports) -> signature -> check. */
  readonly checks: Map<string, Map<number, BySignature>>;
  /** The shape last asked and its checks: the pairs of one dependency ask each NACL direction one shape. */
  lastProtocol?: string;
  lastPorts?: number;
  lastChecks?: BySignature;
}
type NaclState = readonly [NaclDirection, NaclDirection];
const states = new WeakMap<NetworkAcl, NaclState>();
/** The two NACLs asked last (a pair asks its source subnet's and its destination subnet's in turn). */
const lastNacls: [NetworkAcl | undefined, NetworkAcl | undefined] = [undefined, undefined];
const lastStates: [NaclState | undefined, NaclState | undefined] = [undefined, undefined];
const MAX_SIGNATURES = 1024;
/** Stands for the peer IP in a detail while it is built (never in an address or an id). */
const OPEN_IP = '\u0000';

const cidrOfEntry = (entry: NaclEntry): string => entry.cidr;

function directionOf(nacl: NetworkAcl, egress: boolean): NaclDirection {
  let state: NaclState | undefined;
  if (lastNacls[0] === nacl) state = lastStates[0];
  else if (lastNacls[1] === nacl) state = lastStates[1];
  else {
    state = states.get(nacl);
    if (!state) {
      const direction = (e: boolean): NaclDirection => {
        const entries = orderedEntries(nacl.entries, e);
        return { entries, cidrs: compiledCidrs(entries, cidrOfEntry), checks: new Map() };
      };
      state = [direction(false), direction(true)];
      states.set(nacl, state);
    }
    lastNacls[1] = lastNacls[0];
    lastStates[1] = lastStates[0];
    lastNacls[0] = nacl;
    lastStates[0] = state;
  }
  return state![egress ? 1 : 0];
}

/** The checks of one NACL direction for one traffic shape (protocol, ports), by signature. */
function checksOf(direction: NaclDirection, query: NaclQuery): BySignature {
  const ports = query.ports ? query.ports.from * 65536 + query.ports.to : -1;
  const last = direction.lastChecks;
  if (last && direction.lastProtocol === query.protocol && direction.lastPorts === ports && last.size < MAX_SIGNATURES)
    return last;
  let byPorts = direction.checks.get(query.protocol);
  if (!byPorts) {
    byPorts = new Map();
    direction.checks.set(query.protocol, byPorts);
  }
  let bySignature = byPorts.get(ports);
  if (!bySignature || bySignature.size >= MAX_SIGNATURES) {
    bySignature = new Map();
    byPorts.set(ports, bySignature);
  }
  direction.lastProtocol = query.protocol;
  direction.lastPorts = ports;
  direction.lastChecks = bySignature;
  return bySignature;
}

/** Which of the direction's entries (in rule order) contain the IP, as bits; undefined past 30 entries. */
function signature(direction: NaclDirection, ip: string): number | undefined {
  const { entries, cidrs } = direction;
  if (entries.length > 30) return undefined;
  const value = ipv4Value(ip);
  let bits = 0;
  for (let i = 0; i < entries.length; i++) if (compiledContains(cidrs[i]!, entries[i]!.cidr, ip, value)) bits |= 1 << i;
  return bits;
}

/**
 * checkNacl before its detail is put together: a check whose detail is `parts.join(query.ip)`, or
 * (no NACL, or past 30 entries) a finished check.
 */
function resolveCheck(model: NetworkModel, subnetId: string, query: NaclQuery): OpenCheck | NaclCheck {
  if (!model.coverage.nacls)
    return { status: 'not-evaluated', detail: 'network ACLs are not loaded (describe-network-acls missing)' };
  const nacl = model.naclForSubnet(subnetId);
  if (!nacl) return { status: 'not-evaluated', detail: `no network ACL is known for ${subnetId}` };
  const direction = directionOf(nacl, query.egress);
  const bits = signature(direction, query.ip);
  if (bits === undefined) return decide(nacl, query, query.ip);
  const known = checksOf(direction, query);
  let open = known.get(bits);
  if (!open) {
    const check = decide(nacl, query, OPEN_IP);
    open = { check, parts: check.detail.split(OPEN_IP) };
    known.set(bits, open);
  }
  return open;
}

function detailOf(open: OpenCheck, ip: string): string {
  const parts = open.parts;
  return parts.length === 2 ? parts[0] + ip + parts[1] : parts.join(ip);
}

/** Judges the NACL of `subnetId` for one direction; a NACL we cannot see is not-evaluated, never allowed. */
export function checkNacl(model: NetworkModel, subnetId: string, query: NaclQuery): NaclCheck {
  const resolved = resolveCheck(model, subnetId, query);
  if (!('parts' in resolved)) return resolved;
  return { ...resolved.check, detail: detailOf(resolved, query.ip) };
}

/** checkNacl's status alone, without building its detail: all a pair's reachability needs. */
export function naclStatus(model: NetworkModel, subnetId: string, query: NaclQuery): NaclCheck['status'] {
  if (!model.coverage.nacls) return 'not-evaluated';
  const nacl = model.naclForSubnet(subnetId);
  if (!nacl) return 'not-evaluated';
  const direction = directionOf(nacl, query.egress);
  const bits = signature(direction, query.ip);
  if (bits === undefined) return evaluateNaclEntries(nacl.entries, query).allowed ? 'allow' : 'block';
  return (checksOf(direction, query).get(bits)?.check ?? checkNacl(model, subnetId, query)).status;
}

/** Evaluates the entries for the query; its detail names the peer as `shownIp`. */
function decide(nacl: NetworkAcl, query: NaclQuery, shownIp: string): NaclCheck {
  const decision = evaluateNaclEntries(nacl.entries, query);
  const first = decision.segments.find((s) => s.action === (decision.allowed ? 'allow' : 'deny'));
  const decidedBy = `${nacl.naclId}#${ruleLabel(first?.entry?.ruleNumber)}`;
  const shown = { ...query, ip: shownIp };
  if (decision.allowed)
    return { status: 'allow', detail: describeAllow(nacl.naclId, shown, decision.segments), decidedBy };
  const denies = decision.segments.filter((s) => s.action === 'deny');
  // The '*' entry (32767) AWS lists is the default deny: a fix goes after the last entry, not just below it.
  const explicit = denies.flatMap((s) => (s.entry && s.entry.ruleNumber < 32767 ? [s.entry.ruleNumber] : []));
  return {
    status: 'block',
    detail: denies.map((s) => describeDeny(nacl.naclId, shown, s)).join('; '),
    decidedBy,
    naclId: nacl.naclId,
    ...(explicit.length > 0 ? { denyRuleNumber: Math.min(...explicit) } : {}),
  };
}

type NaclLayer = Extract<LayerResult['layer'], 'nacl-outbound' | 'nacl-inbound' | 'nacl-return'>;

const NO_BLOCKS: readonly Block[] = Object.freeze([]);

/** The Block a fix needs for a denying check (none otherwise). */
export function naclBlocks(layer: NaclLayer, check: NaclCheck, query: NaclQuery): readonly Block[] {
  if (check.status !== 'block' || check.naclId === undefined) return NO_BLOCKS;
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
  const resolved = resolveCheck(model, subnetId, query);
  const check = 'parts' in resolved ? resolved.check : resolved;
  const detail = 'parts' in resolved ? detailOf(resolved, query.ip) : resolved.detail;
  const result: LayerResult = check.decidedBy
    ? { layer, status: check.status, detail, decidedBy: check.decidedBy }
    : { layer, status: check.status, detail };
  return { result, blocks: naclBlocks(layer, check, query) };
}
