import type { Direction, NetworkModel, RulePeer } from '../model/types';
import { cidrContains } from '../util/cidr';
import type { LayerResult } from '../verdict/types';
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
  for (const groupId of j.owner.eni.groupIds) {
    const group = model.group(groupId);
    if (!group) {
      missing.push(groupId);
      continue;
    }
    for (const rule of group.rules) {
      if (rule.direction !== j.direction || !ruleCoversTraffic(rule, j.traffic)) continue;
      const { match, label } = peerMatches(model, rule.peer, j.peer);
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
