import { ruleFromDocument, rulesFromPermission } from './build-rules';
import { parseDocument, type SnapshotFile } from './documents';
import { describeRule, directedRuleKey } from './rule-key';
import {
  type SecurityGroupDoc,
  SecurityGroupRulesDocumentSchema,
  SecurityGroupsDocumentSchema,
} from './schemas';
import { SnapshotError } from './snapshot-error';
import type { SecurityGroup, SgRule } from './types';

/**
 * Security groups with their rules. With describe-security-group-rules.json, that file is the rule
 * list (with ids) and must describe the same rules as the groups' IpPermissions.
 */
export function buildGroups(groupsFile: SnapshotFile, rulesFile: SnapshotFile | undefined): SecurityGroup[] {
  const docs = parseDocument(groupsFile, SecurityGroupsDocumentSchema).SecurityGroups;
  const seen = new Set<string>();
  docs.forEach((doc, i) => {
    if (seen.has(doc.GroupId))
      throw new SnapshotError(
        `${groupsFile.file}: SecurityGroups[${i}].GroupId: duplicate group ${doc.GroupId}`,
      );
    seen.add(doc.GroupId);
  });
  const expanded = docs.map(expandPermissions);
  if (!rulesFile) return docs.map((doc, i) => toGroup(doc, expanded[i] ?? []));
  const byGroup = rulesByGroup(rulesFile, seen);
  return docs.map((doc, i) => {
    const rules = byGroup.get(doc.GroupId) ?? [];
    checkSameRules(doc.GroupId, expanded[i] ?? [], rules, groupsFile.file, rulesFile.file);
    return toGroup(doc, rules);
  });
}

function expandPermissions(doc: SecurityGroupDoc): SgRule[] {
  return [
    ...doc.IpPermissions.flatMap((p) => rulesFromPermission(doc.GroupId, 'ingress', p)),
    ...doc.IpPermissionsEgress.flatMap((p) => rulesFromPermission(doc.GroupId, 'egress', p)),
  ];
}

function rulesByGroup(rulesFile: SnapshotFile, groupIds: ReadonlySet<string>): Map<string, SgRule[]> {
  const docs = parseDocument(rulesFile, SecurityGroupRulesDocumentSchema).SecurityGroupRules;
  const byGroup = new Map<string, SgRule[]>();
  const ids = new Set<string>();
  docs.forEach((doc, i) => {
    const at = `${rulesFile.file}: SecurityGroupRules[${i}]`;
    if (!groupIds.has(doc.GroupId))
      throw new SnapshotError(`${at}.GroupId: group ${doc.GroupId} is not in describe-security-groups.json`);
    if (ids.has(doc.SecurityGroupRuleId))
      throw new SnapshotError(`${at}.SecurityGroupRuleId: duplicate rule ${doc.SecurityGroupRuleId}`);
    ids.add(doc.SecurityGroupRuleId);
    const list = byGroup.get(doc.GroupId) ?? [];
    list.push(ruleFromDocument(doc));
    byGroup.set(doc.GroupId, list);
  });
  return byGroup;
}

/** Both files must list the same rules (protocol, ports, peer, direction) for each group. */
function checkSameRules(
  groupId: string,
  fromGroups: readonly SgRule[],
  fromRules: readonly SgRule[],
  groupsFile: string,
  rulesFile: string,
): void {
  const keyOf = (r: SgRule) => directedRuleKey(r.direction, r);
  const inGroups = new Set(fromGroups.map(keyOf));
  const inRules = new Set(fromRules.map(keyOf));
  const onlyRules = fromRules.filter((r) => !inGroups.has(keyOf(r)));
  const onlyGroups = fromGroups.filter((r) => !inRules.has(keyOf(r)));
  if (onlyRules.length === 0 && onlyGroups.length === 0) return;
  const list = (rules: SgRule[]) =>
    rules.map((r) => `${r.direction} ${describeRule(r.direction, r)}`).join('; ');
  const parts = [
    onlyRules.length ? `only in ${rulesFile}: ${list(onlyRules)}` : '',
    onlyGroups.length ? `only in ${groupsFile}: ${list(onlyGroups)}` : '',
  ].filter(Boolean);
  throw new SnapshotError(
    `${rulesFile}: rules of ${groupId} do not match ${groupsFile} (${parts.join('; ')})`,
  );
}

function toGroup(doc: SecurityGroupDoc, rules: readonly SgRule[]): SecurityGroup {
  return {
    groupId: doc.GroupId,
    groupName: doc.GroupName,
    ...(doc.VpcId === undefined ? {} : { vpcId: doc.VpcId }),
    ...(doc.OwnerId === undefined ? {} : { ownerId: doc.OwnerId }),
    ...(doc.Description === undefined ? {} : { description: doc.Description }),
    tags: tagRecord(doc.Tags),
    rules,
  };
}

export function tagRecord(
  tags: readonly { Key: string; Value: string }[] | undefined,
): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key, t.Value]));
}
