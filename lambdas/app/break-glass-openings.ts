import { openingsFrom } from '../core/verdict/break-glass-ledger';
import { judge, type JudgeInput } from '../core/verdict/judge';
import type { Verdict } from '../core/verdict/types';
import type { AuditLog } from './ports';

/** Entries read per group: the newest opening, change or closing of its exemption is among them. */
const ENTRIES_PER_GROUP = 20;

/**
 * Judges as the Lambda should: when the verdict meets a break-glass tag longer than
 * exemptions.breakGlassMaxHours whose set time it does not know, the audit log is asked when that tag
 * was set (the audited verdict of its CreateTags) and the event is judged again with it, so the tag is
 * honoured from its CreateTags time for breakGlassMaxHours, as in a replay. Without such an entry
 * (tagged before the guardian ran, audit expired) the tag counts only in its last max hours. The audit
 * log is read only in that case, or when this event sets an over-long tag (re-setting the value an
 * earlier CreateTags set does not restart its clock): a tag within the limit costs nothing.
 */
export async function judgeWithAuditedOpenings(
  input: JudgeInput,
  audit: Pick<AuditLog, 'forGroup'>,
): Promise<Verdict> {
  const first = judge(input);
  // Over the limit, and either of unknown set time or set again by this event (to the same value, maybe).
  const unknown = (first.exemptions ?? []).filter(
    (n) => n.exceedsLimit && ((n.event === 'over-limit' && n.openedAt === undefined) || n.event === 'opened'),
  );
  if (unknown.length === 0) return first;
  const groupIds = [...new Set(unknown.map((n) => n.groupId))];
  let entries: Awaited<ReturnType<AuditLog['forGroup']>>[];
  try {
    entries = await Promise.all(groupIds.map((id) => audit.forGroup(id, ENTRIES_PER_GROUP)));
  } catch (error) {
    return unreadable(first, error);
  }
  const openings = openingsFrom(new Map(groupIds.map((id, i) => [id, entries[i]!])));
  if (openings.size === 0) return first;
  return judge({ ...input, breakGlassOpenings: new Map([...(input.breakGlassOpenings ?? []), ...openings]) });
}

/** The audit log could not say when the tag was set: whether it exempts is in doubt, so never revert. */
function unreadable(verdict: Verdict, error: unknown): Verdict {
  if (verdict.action !== 'revert') return verdict;
  const why = error instanceof Error ? error.message : String(error);
  return {
    ...verdict,
    action: 'notify',
    actionReason:
      `${verdict.actionReason ? `${verdict.actionReason}; ` : ''}the audit log could not be read to learn ` +
      `when the break-glass tag was set (${why}): never revert on doubt`,
  };
}
