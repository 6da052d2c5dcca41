import { child, fail, type Node, ok, optId, optStr, type Result, show } from '../read';
import type { ResponseRule } from './sg-response-rules';

/**
 * The group a call changed: requestParameters.groupId, or, for calls made with groupName only
 * (default VPC), the groupId of the first rule the response lists.
 */
export function resolveGroupId(request: Node, responseRules: readonly ResponseRule[]): Result<string> {
  const idNode = child(request, 'groupId');
  const groupId = optId(idNode, 'security-group');
  if (!groupId.ok) return groupId;
  if (groupId.value !== undefined) return ok(groupId.value);
  const name = optStr(child(request, 'groupName'));
  if (!name.ok) return name;
  if (name.value === undefined) return fail(idNode, 'missing (and no groupName either)');
  const fromResponse = responseRules.find((r) => r.groupId !== undefined)?.groupId;
  if (fromResponse !== undefined) return ok(fromResponse);
  return fail(
    idNode,
    `missing: the call names group ${show(name.value)} only and the response lists no rule with its groupId`,
  );
}
