import type { Actor, Change } from '../../core/events/types';
import type { NaclEntry, RuleSpec } from '../../core/model/types';
import { describeWorkloadChange } from './describe-workload-change';

/** "tcp/8080 from sg-0nginx456", "all traffic to 0.0.0.0/0". */
export function describeRule(rule: RuleSpec, direction: 'ingress' | 'egress' = 'ingress'): string {
  const peer =
    rule.peer.kind === 'cidr'
      ? rule.peer.cidr
      : rule.peer.kind === 'sg'
        ? rule.peer.groupId
        : rule.peer.prefixListId;
  return `${describeTraffic(rule.protocol, rule.fromPort, rule.toPort)} ${direction === 'ingress' ? 'from' : 'to'} ${peer}`;
}

export function describeTraffic(protocol: string, from?: number, to?: number): string {
  if (protocol === '-1') return 'all traffic';
  if (from === undefined || from === -1) return `${protocol} (all)`;
  return `${protocol}/${from === to ? from : `${from}-${to}`}`;
}

function describeEntry(e: NaclEntry): string {
  const ports = e.portRange ? `${e.portRange.from}-${e.portRange.to}` : 'all';
  return `#${e.ruleNumber} ${e.egress ? 'egress' : 'ingress'} ${e.action} ${e.protocol === '-1' ? 'all' : e.protocol} ports ${ports} ${e.egress ? 'to' : 'from'} ${e.cidr}`;
}

/** One line saying what a change did, for people. */
export function describeChange(change: Change): string {
  switch (change.kind) {
    case 'sg-rules-added':
      return `${change.groupId}: added ${change.direction} ${change.rules.map((r) => describeRule(r, change.direction)).join('; ')}`;
    case 'sg-rules-removed': {
      const content = new Map((change.revoked ?? []).flatMap((r) => (r.ruleId ? [[r.ruleId, r] as const] : [])));
      const byId = change.ruleIds.map((id) => {
        const rule = content.get(id);
        return rule ? `${id} (${describeRule(rule, change.direction)})` : id;
      });
      const what = [...change.rules.map((r) => describeRule(r, change.direction)), ...byId];
      return `${change.groupId}: removed ${change.direction} ${what.join('; ')}`;
    }
    case 'sg-rules-modified':
      return `${change.groupId}: modified ${change.updates.map((u) => `${u.ruleId} -> ${describeRule(u.rule)}`).join('; ')}`;
    case 'eni-groups-set':
      return `${change.eniId}: security groups set to [${change.groupIds.join(', ')}]`;
    case 'nacl-entry-created':
      return `${change.naclId}: created ${describeEntry(change.entry)}`;
    case 'nacl-entry-replaced':
      return `${change.naclId}: replaced with ${describeEntry(change.entry)}`;
    case 'nacl-entry-deleted':
      return `${change.naclId}: deleted #${change.ruleNumber} ${change.egress ? 'egress' : 'ingress'}`;
    case 'nacl-association-replaced':
      return `association ${change.associationId} moved to ${change.naclId}`;
    default:
      return describeWorkloadChange(change);
  }
}

/** "alice (IAMUser) from 203.0.113.45 via console". */
export function describeActor(actor: Actor | undefined): string {
  if (!actor) return 'unknown principal';
  const who = actor.arn?.split(/[:/]/).slice(-2).join('/') ?? actor.principalId ?? 'unknown';
  return `${who} (${actor.type ?? 'unknown type'}) from ${actor.sourceIp ?? 'unknown address'} via ${actor.via}`;
}
