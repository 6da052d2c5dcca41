import type { Change } from '../events/types';
import { directedRuleKey, toRuleSpec } from '../model/rule-key';
import type { Direction, NetworkAcl, NetworkModel, SecurityGroup, SgRule } from '../model/types';
import {
  createdEnis,
  eniChanges,
  groupLifecycle,
  launchedInstances,
  prefixListChanges,
  tagChanges,
  templateChanges,
} from './diff-workloads';
import { sameEntry } from './nacl-ops';

/**
 * The changes that turn `known` into `live`, as if their CloudTrail events had arrived: how the sweep
 * catches changes whose events were lost. Pure. In order: groups created, rule drift, tag drift, ENIs
 * (groups, attachments), launches and ENIs created, NACLs, prefix-list entries, launch templates,
 * groups deleted.
 *
 * Resources present on one side only:
 * - in `live` only: a group is `sg-created` (with the rules it has now), an instance is part of an
 *   `instances-launched` (with its ENIs, one change per launch template and version), any other ENI is
 *   `eni-created`, a launch template version is `launch-template-version-created`;
 * - in `known` only: a group is `sg-deleted`. A removed ENI or instance (terminated, scaled in,
 *   deleted) is NOT a change: no change kind removes one, no AWS call could undo it, and a removal
 *   makes no remaining path unreachable by itself. It can take away a dependency's last endpoint,
 *   which `sg-guardian check` and the next judged change report as "no endpoints"; the sweep forgets
 *   it from the cache and counts it (SweepResult.removed).
 * Layers that either side does not cover (instances, prefix-list entries, launch templates) are not
 * compared, so a cache from before they were stored never makes everything look new.
 */
export function diffStates(known: NetworkModel, live: NetworkModel): Change[] {
  const lifecycle = groupLifecycle(known, live);
  const changes: Change[] = [...lifecycle.created];
  for (const group of live.groups()) {
    const before = known.group(group.groupId);
    if (before) changes.push(...groupChanges(before, group));
  }
  changes.push(...tagChanges(known, live));
  const launches = launchedInstances(known, live);
  const launched = new Set(
    launches.flatMap((c) => (c.kind === 'instances-launched' ? c.instances.flatMap((i) => i.networkInterfaces.map((e) => e.eniId)) : [])),
  );
  for (const eni of live.enis()) {
    const before = known.eni(eni.eniId);
    if (before) changes.push(...eniChanges(before, eni));
  }
  changes.push(...launches, ...createdEnis(known, live, launched));
  for (const nacl of live.nacls()) {
    const before = known.nacl(nacl.naclId);
    if (before) changes.push(...naclChanges(before, nacl), ...movedSubnets(known, before, nacl));
  }
  changes.push(...prefixListChanges(known, live), ...templateChanges(known, live), ...lifecycle.deleted);
  return changes;
}

function groupChanges(before: SecurityGroup, after: SecurityGroup): Change[] {
  const out: Change[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const was = byKey(before, direction);
    const now = byKey(after, direction);
    const added = [...now.entries()].filter(([k]) => !was.has(k)).map(([, r]) => r);
    const removed = [...was.entries()].filter(([k]) => !now.has(k)).map(([, r]) => r);
    if (removed.length)
      out.push({
        kind: 'sg-rules-removed',
        groupId: after.groupId,
        direction,
        rules: removed.map(toRuleSpec),
        ruleIds: [],
        revoked: removed.map((r) => ({ ...toRuleSpec(r), ...(r.ruleId ? { ruleId: r.ruleId } : {}) })),
      });
    if (added.length)
      out.push({
        kind: 'sg-rules-added',
        groupId: after.groupId,
        direction,
        rules: added.map((r) => ({ ...toRuleSpec(r), ...(r.ruleId ? { ruleId: r.ruleId } : {}) })),
      });
  }
  return out;
}

function byKey(group: SecurityGroup, direction: Direction): Map<string, SgRule> {
  return new Map(
    group.rules.filter((r) => r.direction === direction).map((r) => [directedRuleKey(direction, r), r]),
  );
}

function naclChanges(before: NetworkAcl, after: NetworkAcl): Change[] {
  const out: Change[] = [];
  const key = (e: { ruleNumber: number; egress: boolean }) => `${e.egress}|${e.ruleNumber}`;
  const was = new Map(before.entries.map((e) => [key(e), e]));
  const now = new Map(after.entries.map((e) => [key(e), e]));
  for (const [k, entry] of now) {
    const old = was.get(k);
    if (!old) out.push({ kind: 'nacl-entry-created', naclId: after.naclId, entry });
    else if (!sameEntry(old, entry)) out.push({ kind: 'nacl-entry-replaced', naclId: after.naclId, entry });
  }
  for (const [k, entry] of was)
    if (!now.has(k))
      out.push({
        kind: 'nacl-entry-deleted',
        naclId: after.naclId,
        ruleNumber: entry.ruleNumber,
        egress: entry.egress,
      });
  return out;
}

/** Subnets that joined this NACL: ReplaceNetworkAclAssociation from the NACL they had before. */
function movedSubnets(known: NetworkModel, before: NetworkAcl, after: NetworkAcl): Change[] {
  return after.associations
    .filter((a) => !before.associations.some((b) => b.subnetId === a.subnetId))
    .flatMap((a) => {
      const old = known.naclForSubnet(a.subnetId)?.associations.find((b) => b.subnetId === a.subnetId);
      return old
        ? [
            {
              kind: 'nacl-association-replaced' as const,
              associationId: old.associationId,
              naclId: after.naclId,
              newAssociationId: a.associationId,
            },
          ]
        : [];
    });
}
