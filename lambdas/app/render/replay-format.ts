import type { EventRef, ReplaySummary } from '../../core/replay/types';

/** "9m 35s", "8h 57m", "3d 4h"; "-" when unknown. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '-';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

export const count = (n: number) => n.toLocaleString('en-US');

/** "7 violation · 1 not-applied", zero counts left out ("none" when all are). */
export function formatCounts(counts: Readonly<Partial<Record<string, number>>>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([k, n]) => `${k} ${count(n ?? 0)}`);
  return parts.length ? parts.join(' · ') : 'none';
}

/** What the mode means for the reverts listed. */
export function modeNote(summary: ReplaySummary): string {
  return summary.mode === 'enforce'
    ? 'mode enforce: the reverts listed would have been made'
    : 'mode dry-run: nothing would have been written; the reverts listed are what enforce mode would make';
}

/** "alice" for arn:aws:iam::1:user/alice, "OnCall/bob@example.com" for an assumed-role session. */
export function shortPrincipal(principal: string | undefined): string {
  if (principal === undefined) return 'unknown principal';
  const parts = principal.split(/[:/]/);
  return principal.startsWith('arn:') ? parts.slice(-2).join('/') : principal;
}

/** "shown: 100 of 2,345" when a list was capped. */
export function shownOf(shown: number, total: number): string {
  return shown < total ? ` (first ${count(shown)} of ${count(total)})` : '';
}

/** "2026-11-20T03:42:05Z (RevokeSecurityGroupIngress by user/alice)". */
export function describeRef(ref: EventRef): string {
  return `${ref.eventTime ?? '?'} (${ref.eventName} by ${shortPrincipal(ref.principal)})`;
}

/** The ordering caveats of a replay, in one sentence. */
export function orderingNote(s: ReplaySummary): string {
  const o = s.ordering;
  return (
    `Reorder window ${o.windowMinutes} min; ${count(o.late)} change(s) arrived late, ` +
    `${count(o.duplicates)} duplicate(s) skipped, ${count(o.releasedEarly)} judged before the window ` +
    `closed; ${count(s.files.unreadable)} unreadable file(s).`
  );
}
