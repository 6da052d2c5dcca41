import type { Direction, NetworkModel, RulePeer, SecurityGroup, SgRule } from '../model/types';
import { cidrContains } from '../util/cidr';
import type { LayerResult } from '../verdict/types';
import { compiledCidrs, compiledContains, ipv4Value } from './ip-match';
import { describeTrafficOf, ruleCoversTraffic } from './traffic';
import type { Endpoint, Traffic } from './types';

type PeerMatch = { readonly match: 'yes' | 'no' | 'unknown'; readonly label: string };

/** Does a rule's peer designate the endpoint: CIDR holding its IP, a group on its ENI, a prefix list holding its IP? */
export function peerMatches(model: NetworkModel, peer: RulePeer, target: Endpoint): PeerMatch {
  if (peer.kind === 'cidr')
    return { match: cidrContains(peer.cidr, target.ip) ? 'yes' : 'no', label: peer.cidr };
  if (peer.kind === 'sg')
    return { match: target.eni.groupIds.includes(peer.groupId) ? 'yes' : 'no', label: peer.groupId };
  const list = model.prefixList(peer.prefixListId);
  if (list?.cidrs === undefined) return { match: 'unknown', label: peer.prefixListId };
  const hit = list.cidrs.some((cidr) => cidrContains(cidr, target.ip));
  return { match: hit ? 'yes' : 'no', label: `${peer.prefixListId} (contains ${target.ip})` };
}

interface Candidates {
  /** The group's rules of one direction covering one traffic, in rule order. */
  readonly rules: readonly SgRule[];
  /** Their CIDR peers compiled (see ip-match.ts). */
  readonly cidrs: readonly (ReturnType<typeof compiledCidrs>)[number][];
}
/** Per (immutable) group object: direction|protocol|port -> candidate rules. */
const candidatesByGroup = new WeakMap<SecurityGroup, Map<string, Candidates>>();

/** The rules of `group` that ruleCoversTraffic for `traffic` in `direction`, kept per group object. */
function candidateRules(group: SecurityGroup, direction: Direction, traffic: Traffic): Candidates {
  // The pairs of one dependency ask the same groups about the same traffic object, one after the other.
  const last = lastCandidates;
  if (last.group === group && last.traffic === traffic && last.direction === direction) return last.found;
  const found = candidatesFor(group, direction, traffic);
  lastCandidates = { group, direction, traffic, found };
  return found;
}

const NO_CANDIDATES: Candidates = { rules: [], cidrs: [] };
let lastCandidates: {
  readonly group?: SecurityGroup;
  readonly direction?: Direction;
  readonly traffic?: Traffic;
  readonly found: Candidates;
} = { found: NO_CANDIDATES };

function candidatesFor(group: SecurityGroup, direction: Direction, traffic: Traffic): Candidates {
  let byTraffic = candidatesByGroup.get(group);
  if (!byTraffic) {
    byTraffic = new Map();
    candidatesByGroup.set(group, byTraffic);
  }
  const key = `${direction}|${traffic.protocol}|${traffic.port ?? ''}`;
  let found = byTraffic.get(key);
  if (!found) {
    const rules = group.rules.filter((rule) => rule.direction === direction && ruleCoversTraffic(rule, traffic));
    found = { rules, cidrs: compiledCidrs(rules, (rule) => (rule.peer.kind === 'cidr' ? rule.peer.cidr : '')) };
    byTraffic.set(key, found);
  }
  return found;
}

export interface SgJudgement {
  /** The ENI whose groups are judged (source for egress, destination for ingress). */
  readonly owner: Endpoint;
  /** The other end, which the rule's peer must designate. */
  readonly peer: Endpoint;
  readonly direction: Direction;
  readonly traffic: Traffic;
}

/**
 * Judges one SG layer: allow when any group on the owner ENI has a rule of the direction covering the
 * traffic whose peer designates the other end; not-evaluated when only unreadable prefix lists or
 * groups missing from the model could allow; block otherwise.
 */
export function judgeSecurityGroups(
  model: NetworkModel,
  layer: LayerResult['layer'],
  j: SgJudgement,
): LayerResult {
  const toFrom = j.direction === 'egress' ? 'to' : 'from';
  const traffic = describeTrafficOf(j.traffic);
  const unknown: string[] = [];
  const missing: string[] = [];
  const peerIp = j.peer.ip;
  const peerValue = ipv4Value(peerIp);
  for (const groupId of j.owner.eni.groupIds) {
    const group = model.group(groupId);
    if (!group) {
      missing.push(groupId);
      continue;
    }
    const { rules, cidrs } = candidateRules(group, j.direction, j.traffic);
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      const peer = rule.peer;
      let match: PeerMatch['match'];
      let label: string;
      if (peer.kind === 'cidr') {
        match = compiledContains(cidrs[i]!, peer.cidr, peerIp, peerValue) ? 'yes' : 'no';
        label = peer.cidr;
      } else if (peer.kind === 'sg') {
        match = j.peer.eni.groupIds.includes(peer.groupId) ? 'yes' : 'no';
        label = peer.groupId;
      } else ({ match, label } = peerMatches(model, peer, j.peer));
      if (match === 'yes') {
        const by = rule.ruleId ? `rule ${rule.ruleId}` : 'a rule';
        const detail = `${groupId} (${group.groupName}) ${j.direction}: ${by} allows ${traffic} ${toFrom} ${label}`;
        return { layer, status: 'allow', detail, decidedBy: rule.ruleId ?? groupId };
      }
      if (match === 'unknown') unknown.push(label);
    }
  }
  const peer = `${j.peer.ip} (${j.peer.eni.eniId}: ${j.peer.eni.groupIds.join(', ') || 'no groups'})`;
  const groups = j.owner.eni.groupIds.join(', ') || 'none';
  const denied = `no ${j.direction} rule of ${groups} on ${j.owner.eni.eniId} allows ${traffic} ${toFrom} ${peer}`;
  if (unknown.length > 0 || missing.length > 0) {
    const why = [
      ...(unknown.length
        ? [`prefix list(s) ${[...new Set(unknown)].join(', ')} have no loaded entries`]
        : []),
      ...(missing.length ? [`group(s) ${missing.join(', ')} are not in the model`] : []),
    ];
    return { layer, status: 'not-evaluated', detail: `${denied} as far as known; ${why.join('; ')}` };
  }
  return { layer, status: 'block', detail: denied };
}
