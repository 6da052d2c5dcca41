import type { GuardianConfig } from '../config/schema';

const HOUR_MS = 3_600_000;

/** When a group's break-glass tag was set to `until`, as a caller learnt it (a replay, the audit log). */
export interface BreakGlassOpening {
  readonly groupId: string;
  /** The tag value that was set: an opening counts only while the tag still holds this value. */
  readonly until: string;
  /** ISO time of the tag change (its CloudTrail eventTime). */
  readonly openedAt: string;
}

/** Openings by group id. */
export type BreakGlassOpenings = ReadonlyMap<string, BreakGlassOpening>;

/**
 * A break-glass remark in a verdict: this event opened, changed or closed an exemption on a watched
 * group (the tag change itself), or a tag the decision met asks for longer than the limit.
 */
export interface ExemptionNotice {
  readonly groupId: string;
  readonly event: 'opened' | 'changed' | 'closed' | 'over-limit';
  /** The tag value set (opened, changed) or met (over-limit). */
  readonly until?: string;
  /** The value before the change, when known (changed, closed). */
  readonly previousUntil?: string;
  /** When the tag was set: the event time for opened/changed, when known otherwise. */
  readonly openedAt?: string;
  /** The end of the window honoured; absent when the value is not a time. */
  readonly honouredUntil?: string;
  readonly exceedsLimit: boolean;
  /** The group is one the policy watches; undefined when the known state does not hold it. */
  readonly watched?: boolean;
  readonly message: string;
}

/** How a break-glass tag stands at `now` under exemptions.breakGlassMaxHours. */
export interface BreakGlassStatus {
  readonly groupId: string;
  /** The tag value as found. */
  readonly until: string;
  /** When the tag was set, when known; otherwise the window is the last breakGlassMaxHours before `until`. */
  readonly openedAt?: string;
  /** The tag exempts the group at `now`. */
  readonly honoured: boolean;
  /** The tag asks for longer than breakGlassMaxHours (from openedAt, or from `now` when that is unknown). */
  readonly exceedsLimit: boolean;
  /** The window honoured: [from, to). Absent when the value is not a time. */
  readonly window?: { readonly from?: string; readonly to: string };
  /** One line for people; empty when the tag is within the limit and needs no remark. */
  readonly message: string;
}

/**
 * The break-glass rule. A tag honours at most `breakGlassMaxHours`:
 * - opening time known (the tag change itself, or a caller that remembers it): honoured from the
 *   opening until the earlier of `until` and opening + max;
 * - unknown (a snapshot, a tag older than what the caller remembers): honoured only while
 *   `until − now ≤ max`, i.e. during the last max hours before `until`.
 * Either way no tag value exempts for longer than max hours: a tag for 2099 never exempts for ever.
 */
export function breakGlassStatus(input: {
  readonly groupId: string;
  readonly until: string;
  readonly openedAt?: string;
  readonly config: GuardianConfig;
  readonly now: Date;
}): BreakGlassStatus {
  const { groupId, until, openedAt, config, now } = input;
  const maxHours = config.exemptions.breakGlassMaxHours;
  const maxMs = maxHours * HOUR_MS;
  const untilMs = Date.parse(until);
  const base = { groupId, until, ...(openedAt !== undefined && { openedAt }) };
  if (Number.isNaN(untilMs))
    return {
      ...base,
      honoured: false,
      exceedsLimit: false,
      message: `break-glass tag on ${groupId} is not an ISO-8601 time ("${until}"): not honoured`,
    };
  const openedMs = openedAt === undefined ? Number.NaN : Date.parse(openedAt);
  const nowMs = now.getTime();
  const limit = `exceeds exemptions.breakGlassMaxHours ${maxHours}`;
  if (!Number.isNaN(openedMs)) {
    const toMs = Math.min(untilMs, openedMs + maxMs);
    const exceedsLimit = untilMs - openedMs > maxMs;
    const to = iso(toMs);
    const honoured = nowMs < toMs;
    return {
      ...base,
      honoured,
      exceedsLimit,
      window: { from: iso(openedMs), to },
      message: exceedsLimit
        ? `exemption on ${groupId} until ${until} (set ${iso(openedMs)}) ${limit}: ` +
          `honoured until ${to}${honoured ? '' : ' (passed)'}`
        : '',
    };
  }
  const fromMs = untilMs - maxMs;
  const exceedsLimit = untilMs - nowMs > maxMs;
  const honoured = nowMs < untilMs && !exceedsLimit;
  return {
    ...base,
    honoured,
    exceedsLimit,
    window: { from: iso(fromMs), to: iso(untilMs) },
    message: exceedsLimit
      ? `exemption on ${groupId} until ${until} ${limit} and when it was set is unknown: not honoured before ${iso(fromMs)}`
      : '',
  };
}

/** A readable ISO time for any millisecond count (clamped to what Date can show). */
function iso(ms: number): string {
  const max = 8.64e15;
  return new Date(Math.max(-max, Math.min(max, ms))).toISOString();
}
