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
  /**
   * The allow result of rule i for a layer, built on first use: its detail names the group, the rule,
   * the traffic and the rule's peer (a CIDR or a group, never the pair's addresses), so every pair it
   * allows shares the same immutable object. Not kept for prefix-list peers (their label names the IP).
   */
  readonly allows: (LayerResult | undefined)[];
  readonly allowLayer: LayerResult['layer'];
}
/** Per protocol, per port (-1 without one): the candidates of one direction. */
type ByTraffic = Map<string, Map<number, Candidates>>;
/** Per (immutable) group object: [ingress, egress] candidates by traffic. */
const candidatesByGroup = new WeakMap<SecurityGroup, readonly [ByTraffic, ByTraffic]>();

/** The rules of `group` that ruleCoversTraffic for `traffic` in `direction`, kept per group object. */
function candidateRules(group: SecurityGroup, direction: Direction, traffic: Traffic, layer: LayerResult['layer']): Candidates {
  // The pairs of one dependency ask the same groups about the same traffic object, one after the other:
  // the last answer of each direction is kept at hand.
  const slot = direction === 'egress' ? 1 : 0;
  const last = lastCandidates[slot]!;
  if (last.group === group && last.traffic === traffic && last.found.allowLayer === layer) return last.found;
  const found = candidatesFor(group, direction, traffic, layer);
  lastCandidates[slot] = { group, traffic, found };
  return found;
}

const NO_CANDIDATES: Candidates = { rules: [], cidrs: [], allows: [], allowLayer: 'sg-egress' };
const lastCandidates: { readonly group?: SecurityGroup; readonly traffic?: Traffic; readonly found: Candidates }[] = [
  { found: NO_CANDIDATES },
  { found: NO_CANDIDATES },
];

function candidatesFor(group: SecurityGroup, direction: Direction, traffic: Traffic, layer: LayerResult['layer']): Candidates {
  let byDirection = candidatesByGroup.get(group);
  if (!byDirection) {
    byDirection = [new Map(), new Map()];
    candidatesByGroup.set(group, byDirection);
  }
  const byTraffic = byDirection[direction === 'egress' ? 1 : 0];
  let byPort = byTraffic.get(traffic.protocol);
  if (!byPort) {
    byPort = new Map();
    byTraffic.set(traffic.protocol, byPort);
  }
  const port = traffic.port ?? -1;
  let found = byPort.get(port);
  if (!found || found.allowLayer !== layer) {
    const rules = found?.rules ?? group.rules.filter((rule) => rule.direction === direction && ruleCoversTraffic(rule, traffic));
    const cidrs = found?.cidrs ?? compiledCidrs(rules, (rule) => (rule.peer.kind === 'cidr' ? rule.peer.cidr : ''));
    found = { rules, cidrs, allows: [], allowLayer: layer };
    byPort.set(port, found);
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
  let unknown: string[] | undefined;
  let missing: string[] | undefined;
  const peerIp = j.peer.ip;
  const peerValue = ipv4Value(peerIp);
  for (const groupId of j.owner.eni.groupIds) {
    const group = model.group(groupId);
    if (!group) {
      (missing ??= []).push(groupId);
      continue;
    }
    const candidates = candidateRules(group, j.direction, j.traffic, layer);
    const { rules, cidrs } = candidates;
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
        if (peer.kind === 'prefix-list' || group.groupId !== groupId) return allowed(layer, j, groupId, group, rule, label);
        return (candidates.allows[i] ??= Object.freeze(allowed(layer, j, groupId, group, rule, label)));
      }
      if (match === 'unknown') (unknown ??= []).push(label);
    }
  }
  const toFrom = j.direction === 'egress' ? 'to' : 'from';
  const traffic = describeTrafficOf(j.traffic);
  const peer = `${j.peer.ip} (${j.peer.eni.eniId}: ${j.peer.eni.groupIds.join(', ') || 'no groups'})`;
  const groups = j.owner.eni.groupIds.join(', ') || 'none';
  const denied = `no ${j.direction} rule of ${groups} on ${j.owner.eni.eniId} allows ${traffic} ${toFrom} ${peer}`;
  if (unknown !== undefined || missing !== undefined) {
    const why = [
      ...(unknown ? [`prefix list(s) ${[...new Set(unknown)].join(', ')} have no loaded entries`] : []),
      ...(missing ? [`group(s) ${missing.join(', ')} are not in the model`] : []),
    ];
    return { layer, status: 'not-evaluated', detail: `${denied} as far as known; ${why.join('; ')}` };
  }
  return { layer, status: 'block', detail: denied };
}

/** The allow result of the first rule whose peer designates the other end. */
function allowed(
  layer: LayerResult['layer'],
  j: SgJudgement,
  groupId: string,
  group: SecurityGroup,
  rule: SgRule,
  label: string,
): LayerResult {
  const toFrom = j.direction === 'egress' ? 'to' : 'from';
  const by = rule.ruleId ? `rule ${rule.ruleId}` : 'a rule';
  const detail = `${groupId} (${group.groupName}) ${j.direction}: ${by} allows ${describeTrafficOf(j.traffic)} ${toFrom} ${label}`;
  return { layer, status: 'allow', detail, decidedBy: rule.ruleId ?? groupId };
}
