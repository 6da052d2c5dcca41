import type { Change } from '../core/events/types';
import type { Verdict } from '../core/verdict/types';
import type { AuditEntry, Mode, RevertOutcome } from './ports';

/** The audit record of a verdict and what was done about it. */
export function toAuditEntry(input: {
  readonly verdict: Verdict;
  readonly revert?: RevertOutcome;
  readonly mode: Mode;
  readonly now: Date;
  readonly notifyErrors?: Readonly<Record<string, string>>;
}): AuditEntry {
  const { verdict: v, revert } = input;
  const failedChannels = Object.entries(input.notifyErrors ?? {}).map(([k, e]) => `${k}: ${e}`);
  const detail = [revert?.reason, ...failedChannels.map((f) => `notification failed (${f})`)]
    .filter(Boolean)
    .join('; ');
  return {
    eventId: v.eventId,
    eventName: v.eventName,
    eventTime: v.eventTime,
    recordedAt: input.now.toISOString(),
    accountId: v.meta?.accountId,
    region: v.meta?.awsRegion,
    groupIds: groupIdsOf(v.change, v),
    actor: v.actor,
    verdict: v.verdict,
    reason: v.reason,
    findings: v.findings.map((f) => ({ id: f.id, kind: f.kind, severity: f.severity, title: f.title })),
    action: v.action,
    actionReason: v.actionReason,
    outcome: revert?.status,
    ...(detail ? { outcomeDetail: detail } : {}),
    mode: input.mode,
    ...(v.exemptions?.length ? { exemptions: v.exemptions } : {}),
  };
}

function groupIdsOf(change: Change | undefined, v: Verdict): string[] {
  const ids = new Set<string>();
  if (change && 'groupId' in change) ids.add(change.groupId);
  if (change?.kind === 'eni-groups-set') for (const g of change.groupIds) ids.add(g);
  for (const f of v.findings) if (f.groupId) ids.add(f.groupId);
  for (const e of v.exemptions ?? []) ids.add(e.groupId);
  return [...ids];
}
