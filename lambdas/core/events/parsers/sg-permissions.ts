import type { Direction, RuleSpec } from '../../model/types';
import { child, collect, fail, id, isRecord, list, type Node, ok, type Result } from '../read';
import type { Change } from '../types';
import { type EventParser, fromResult } from './parser';
import { resolveGroupId } from './sg-group';
import { readPermission, readRequestPermissions } from './sg-permissions-read';
import { bindToResponse, expandPermissions, type RequestRule } from './sg-request-rules';
import { type ResponseRule, readResponseRules, sameRule } from './sg-response-rules';

/** AuthorizeSecurityGroupIngress/Egress -> 'sg-rules-added', each rule with the id the response gave it. */
export function authorizeParser(direction: Direction): EventParser {
  return ({ request, response }) => fromResult(readAuthorize(direction, request, response));
}

/** RevokeSecurityGroupIngress/Egress -> 'sg-rules-removed', by permissions and/or rule ids. */
export function revokeParser(direction: Direction): EventParser {
  return ({ request, response }) => fromResult(readRevoke(direction, request, response));
}

function readAuthorize(direction: Direction, request: Node, response: Node): Result<Change> {
  const added = readResponseRules(child(response, 'securityGroupRuleSet'));
  if (!added.ok) return added;
  const groupId = resolveGroupId(request, added.value);
  if (!groupId.ok) return groupId;
  const permissions = readRequestPermissions(request);
  if (!permissions.ok) return permissions;
  if (permissions.value.length === 0)
    return fail(child(request, 'ipPermissions'), 'the call names no permission');
  const rules = bindToResponse(expandPermissions(permissions.value), added.value);
  if (!rules.ok) return rules;
  return ok({ kind: 'sg-rules-added', groupId: groupId.value, direction, rules: rules.value });
}

function readRevoke(direction: Direction, request: Node, response: Node): Result<Change> {
  const revoked = readResponseRules(child(response, 'revokedSecurityGroupRuleSet'));
  if (!revoked.ok) return revoked;
  const groupId = resolveGroupId(request, revoked.value);
  if (!groupId.ok) return groupId;
  const permissions = readRequestPermissions(request);
  if (!permissions.ok) return permissions;
  const ruleIds = readRuleIds(child(request, 'securityGroupRuleIds'));
  if (!ruleIds.ok) return ruleIds;
  if (permissions.value.length === 0 && ruleIds.value.length === 0) {
    return fail(
      child(request, 'ipPermissions'),
      'the call names neither ipPermissions nor securityGroupRuleIds',
    );
  }
  const unknown = readUnknown(child(response, 'unknownIpPermissionSet'));
  const requested = expandPermissions(permissions.value).filter((rule) => !isUnknown(rule, unknown));
  const rules = bindToResponse(requested, revoked.value);
  if (!rules.ok) return rules;
  return ok({
    kind: 'sg-rules-removed',
    groupId: groupId.value,
    direction,
    rules: rules.value.map(({ protocol, fromPort, toPort, peer }) => ({ protocol, fromPort, toPort, peer })),
    ruleIds: ruleIds.value,
    ...(revoked.value.length > 0 ? { revoked: revoked.value.map(toRevoked) } : {}),
  });
}

/** `securityGroupRuleIds: { items: [{ securityGroupRuleId: 'sgr-...' }] }` (bare strings accepted too). */
function readRuleIds(node: Node): Result<string[]> {
  const entries = list(node);
  if (!entries.ok) return entries;
  return collect(entries.value, (entry) =>
    isRecord(entry.value)
      ? id(child(entry, 'securityGroupRuleId'), 'security-group-rule')
      : id(entry, 'security-group-rule'),
  );
}

/**
 * Permissions the response says did not exist (nothing was revoked for them). AWS warns this set may
 * be shaped differently from the request, so entries that cannot be read are skipped, not fatal.
 */
function readUnknown(node: Node): RuleSpec[] {
  const entries = list(node);
  if (!entries.ok) return [];
  return entries.value.flatMap((entry) => {
    const permission = readPermission(entry);
    if (!permission.ok) return [];
    return expandPermissions([permission.value]).flatMap(({ protocol, fromPort, toPort, peer }) =>
      peer.kind === 'sg-name' ? [] : [{ protocol, fromPort, toPort, peer }],
    );
  });
}

function isUnknown({ protocol, fromPort, toPort, peer }: RequestRule, unknown: readonly RuleSpec[]): boolean {
  if (peer.kind === 'sg-name') return false;
  return unknown.some((u) => sameRule({ protocol, fromPort, toPort, peer }, u));
}

/** A revoked rule's content and id (the group is the event's). */
function toRevoked({ groupId: _group, ...rule }: ResponseRule): RuleSpec & { readonly ruleId?: string } {
  return rule;
}
