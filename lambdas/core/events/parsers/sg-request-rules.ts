import type { RuleSpec } from '../../model/types';
import { fail, type Node, ok, type Result, show } from '../read';
import type { AddedRule } from '../types';
import type { PeerRef } from './sg-peers';
import type { Permission } from './sg-permissions-read';
import { type ResponseRule, sameRule, sameTraffic } from './sg-response-rules';

/** One rule of a request: a permission expanded to a single peer (AWS's own granularity). */
export interface RequestRule {
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly peer: PeerRef;
  readonly description?: string;
  readonly node: Node;
}

export function expandPermissions(permissions: readonly Permission[]): RequestRule[] {
  return permissions.flatMap(({ protocol, fromPort, toPort, peers }) =>
    peers.map(({ peer, description, node }) => ({
      protocol,
      fromPort,
      toPort,
      peer,
      node,
      ...(description === undefined ? {} : { description }),
    })),
  );
}

/**
 * Matches request rules to the rules a response lists: attaches each sgr- id (by protocol, ports
 * and peer) and resolves peers named only by group name to the group id the response shows.
 */
export function bindToResponse(
  rules: readonly RequestRule[],
  response: readonly ResponseRule[],
): Result<AddedRule[]> {
  const used = new Set<number>();
  const take = (match: (r: ResponseRule) => boolean): ResponseRule | undefined => {
    const index = response.findIndex((r, i) => !used.has(i) && match(r));
    if (index < 0) return undefined;
    used.add(index);
    return response[index];
  };
  const bound: (AddedRule | undefined)[] = rules.map((rule) => {
    if (rule.peer.kind === 'sg-name') return undefined;
    const spec: RuleSpec = { ...withoutNode(rule), peer: rule.peer };
    return withRuleId(spec, take((r) => sameRule(spec, r))?.ruleId);
  });
  const out: AddedRule[] = [];
  for (const [i, rule] of rules.entries()) {
    const done = bound[i];
    if (done !== undefined) {
      out.push(done);
      continue;
    }
    if (rule.peer.kind !== 'sg-name') continue;
    const { groupName, userId } = rule.peer;
    const match = take((r) => r.peer.kind === 'sg' && sameTraffic(rule, r));
    if (match?.peer.kind !== 'sg') {
      return fail(
        rule.node,
        `group ${show(groupName)} is named without a groupId and the response names no matching group`,
      );
    }
    const owner = match.peer.userId ?? userId;
    const peer = {
      kind: 'sg' as const,
      groupId: match.peer.groupId,
      ...(owner === undefined ? {} : { userId: owner }),
    };
    out.push(withRuleId({ ...withoutNode(rule), peer }, match.ruleId));
  }
  return ok(out);
}

function withoutNode(rule: RequestRule): Omit<RuleSpec, 'peer'> {
  const { protocol, fromPort, toPort, description } = rule;
  return { protocol, fromPort, toPort, ...(description === undefined ? {} : { description }) };
}

function withRuleId(spec: RuleSpec, ruleId: string | undefined): AddedRule {
  return ruleId === undefined ? spec : { ...spec, ruleId };
}
