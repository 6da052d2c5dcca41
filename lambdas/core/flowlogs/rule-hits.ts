import type { NetworkInterface, NetworkModel, SgRule } from '../model/types';
import { peerMatches } from '../reachability/sg-match';
import { ruleCoversTraffic } from '../reachability/traffic';
import type { Traffic } from '../reachability/types';
import type { FlowParty } from './endpoints';
import { groupsKey } from './endpoints';

/** How much one security-group rule was used: the accepted flows it admits, and from whom. */
export interface RuleHit {
  readonly rule: SgRule;
  /** ruleId, or a description of the rule when the snapshot has no rule ids. */
  readonly key: string;
  flows: number;
  /** Unix seconds of the last flow it admitted (any time in the logs, inside the window or not). */
  lastSeen?: number;
  /** Flows inside the window. */
  flowsInWindow: number;
  /** Who it admitted in the window (an egress rule: where it let flows go): sorted group ids joined by '+', or a host CIDR -> flows (capped). */
  readonly sources: Map<string, number>;
  /** More distinct sources than kept. */
  sourcesTruncated: boolean;
}

const SOURCES_KEPT = 4096;
const CACHE_LIMIT = 100_000;

/** A key for a rule that has no id in the snapshot. */
export function ruleKey(rule: SgRule): string {
  if (rule.ruleId) return rule.ruleId;
  const peer =
    rule.peer.kind === 'cidr' ? rule.peer.cidr : rule.peer.kind === 'sg' ? rule.peer.groupId : rule.peer.prefixListId;
  return `${rule.groupId} ${rule.direction} ${rule.protocol} ${rule.fromPort}-${rule.toPort} ${peer}`;
}

/** The ENI the security-group matcher sees for an outside address: no groups, its address only. */
function outsider(ip: string): NetworkInterface {
  return { eniId: `external:${ip}`, subnetId: 'external', vpcId: 'external', privateIps: [ip], ipv6Addresses: [], groupIds: [] };
}

/**
 * Per-rule hit tracking for least privilege: which ingress rules of the service ENI's groups admit each
 * accepted flow, and which egress rules of the client ENI's groups let it out (every rule that would, so
 * a rule doubled by a wider one is never called unused). Replies need no rule (security groups are
 * stateful): only the client's opening direction counts. Matching is the engine's own
 * (ruleCoversTraffic, peerMatches), the rules covering the traffic cached per (ENI, direction, traffic).
 */
export class RuleHits {
  private readonly hits = new Map<string, RuleHit>();
  /** Rules covering the traffic, per direction, ENI, protocol and port (no string keys per record). */
  private readonly candidates = {
    ingress: new Map<NetworkInterface, Map<string, Map<number, readonly SgRule[]>>>(),
    egress: new Map<NetworkInterface, Map<string, Map<number, readonly SgRule[]>>>(),
  };
  private cached = 0;

  constructor(private readonly model: NetworkModel) {}

  /** `flows` accepted flows (records) from `client` to `service`, as the service's ENI logged them. */
  record(client: FlowParty, service: NetworkInterface, traffic: Traffic, at: number, inWindow: boolean, flows = 1): void {
    const target = { eni: client.kind === 'eni' ? client.eni : outsider(client.ip), ip: client.ip };
    for (const rule of this.covering('ingress', service, traffic))
      if (peerMatches(this.model, rule.peer, target).match === 'yes') this.hit(rule, client, at, inWindow, flows);
  }

  /** `flows` accepted flows from the `client` ENI out to `service`, as the client's ENI logged them. */
  recordEgress(client: NetworkInterface, service: FlowParty, traffic: Traffic, at: number, inWindow: boolean, flows = 1): void {
    const target = { eni: service.kind === 'eni' ? service.eni : outsider(service.ip), ip: service.ip };
    for (const rule of this.covering('egress', client, traffic))
      if (peerMatches(this.model, rule.peer, target).match === 'yes') this.hit(rule, service, at, inWindow, flows);
  }

  /** Every rule tracked so far (rules never hit are not here: the caller lists the groups' rules). */
  get(rule: SgRule): RuleHit | undefined {
    return this.hits.get(ruleKey(rule));
  }

  private covering(direction: 'ingress' | 'egress', eni: NetworkInterface, traffic: Traffic): readonly SgRule[] {
    const candidates = this.candidates[direction];
    let byProtocol = candidates.get(eni);
    if (!byProtocol) {
      if (this.cached >= CACHE_LIMIT) {
        this.candidates.ingress.clear();
        this.candidates.egress.clear();
        this.cached = 0;
      }
      byProtocol = new Map();
      candidates.set(eni, byProtocol);
    }
    let byPort = byProtocol.get(traffic.protocol);
    if (!byPort) {
      byPort = new Map();
      byProtocol.set(traffic.protocol, byPort);
    }
    const port = traffic.port ?? -1;
    let rules = byPort.get(port);
    if (!rules) {
      const found: SgRule[] = [];
      for (const groupId of eni.groupIds)
        for (const rule of this.model.group(groupId)?.rules ?? [])
          if (rule.direction === direction && ruleCoversTraffic(rule, traffic)) found.push(rule);
      rules = found;
      byPort.set(port, rules);
      this.cached += 1;
    }
    return rules;
  }

  private hit(rule: SgRule, client: FlowParty, at: number, inWindow: boolean, flows: number): void {
    const key = ruleKey(rule);
    let hit = this.hits.get(key);
    if (!hit) {
      hit = { rule, key, flows: 0, flowsInWindow: 0, sources: new Map(), sourcesTruncated: false };
      this.hits.set(key, hit);
    }
    hit.flows += flows;
    if (hit.lastSeen === undefined || at > hit.lastSeen) hit.lastSeen = at;
    if (!inWindow) return;
    hit.flowsInWindow += flows;
    const source = groupsKey(client);
    const seen = hit.sources.get(source);
    if (seen !== undefined) hit.sources.set(source, seen + flows);
    else if (hit.sources.size < SOURCES_KEPT) hit.sources.set(source, flows);
    else hit.sourcesTruncated = true;
  }
}
