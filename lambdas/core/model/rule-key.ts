import type { Direction, RulePeer, RuleSpec, SgRule } from './types';

/** Identity of a peer: sg references by group id, CIDRs and prefix lists by value. */
export function peerKey(peer: RulePeer): string {
  switch (peer.kind) {
    case 'cidr':
      return `cidr:${peer.cidr}`;
    case 'sg':
      return `sg:${peer.groupId}`;
    case 'prefix-list':
      return `pl:${peer.prefixListId}`;
  }
}

/** What AWS treats as the same rule within one group and direction: protocol, ports, peer. */
export function ruleSpecKey(spec: RuleSpec): string {
  return `${spec.protocol}|${spec.fromPort}|${spec.toPort}|${peerKey(spec.peer)}`;
}

export function directedRuleKey(direction: Direction, spec: RuleSpec): string {
  return `${direction}|${ruleSpecKey(spec)}`;
}

/** Same spec and same description (the full content a ModifySecurityGroupRules can set). */
export function sameRuleContent(a: RuleSpec, b: RuleSpec): boolean {
  return ruleSpecKey(a) === ruleSpecKey(b) && (a.description ?? '') === (b.description ?? '');
}

/** The rule's spec alone (no group, direction or id). */
export function toRuleSpec(rule: RuleSpec): RuleSpec {
  const spec: RuleSpec = {
    protocol: rule.protocol,
    fromPort: rule.fromPort,
    toPort: rule.toPort,
    peer: rule.peer,
  };
  return rule.description === undefined ? spec : { ...spec, description: rule.description };
}

/** Builds an SgRule without undefined-valued keys. */
export function makeSgRule(spec: RuleSpec, groupId: string, direction: Direction, ruleId?: string): SgRule {
  const rule: SgRule = { ...toRuleSpec(spec), groupId, direction };
  return ruleId === undefined ? rule : { ...rule, ruleId };
}

/** A short human form: `tcp 22 from 0.0.0.0/0`. */
export function describeRule(direction: Direction, spec: RuleSpec): string {
  const ports =
    spec.protocol === '-1'
      ? 'all traffic'
      : spec.fromPort === spec.toPort
        ? `${spec.protocol} ${spec.fromPort}`
        : `${spec.protocol} ${spec.fromPort}-${spec.toPort}`;
  const peer = peerKey(spec.peer).replace(/^(cidr|sg|pl):/, '');
  return `${ports} ${direction === 'ingress' ? 'from' : 'to'} ${peer}`;
}
