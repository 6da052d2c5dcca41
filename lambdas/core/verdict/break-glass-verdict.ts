import type { BreakGlassStatus, ExemptionNotice } from './break-glass';
import type { Verdict } from './types';

/** A tag met by a decision that asks for longer than the limit (or is not a time), as a notice. */
export function overLimitNotice(status: BreakGlassStatus): ExemptionNotice {
  return {
    groupId: status.groupId,
    event: 'over-limit',
    until: status.until,
    ...(status.openedAt !== undefined && { openedAt: status.openedAt }),
    ...(status.window && { honouredUntil: status.window.to }),
    exceedsLimit: status.exceedsLimit,
    message: status.message,
  };
}

const OPENED_REASON =
  'a break-glass exemption was opened or changed on a watched group: notified and audited (a tag change is never reverted)';

/**
 * The verdict with its break-glass notices: listed in `exemptions`; the messages of this event's own tag
 * changes lead the reason (an ok verdict) or join the action reason (a violation). Opening or changing
 * an exemption is notified even when nothing else is; closing one is recorded (audited) only.
 */
export function withExemptions(verdict: Verdict, notices: readonly ExemptionNotice[]): Verdict {
  if (notices.length === 0) return verdict;
  const own = notices.filter((n) => n.event !== 'over-limit').map((n) => n.message);
  const opens = notices.some((n) => n.event === 'opened' || n.event === 'changed');
  const notify = verdict.action === 'none' && opens;
  const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('; ') || undefined;
  const reason = verdict.verdict === 'violation' ? verdict.reason : join(...own, verdict.reason);
  const actionReason = notify
    ? OPENED_REASON
    : verdict.verdict === 'violation'
      ? join(verdict.actionReason, ...own.filter((m) => !verdict.actionReason?.includes(m)))
      : verdict.actionReason;
  return {
    ...verdict,
    ...(reason !== undefined && { reason }),
    action: notify ? 'notify' : verdict.action,
    ...(actionReason !== undefined && { actionReason }),
    exemptions: notices,
  };
}
