/**
 * Times as CloudTrail inputs write them: ISO-8601 in records ("2026-11-20T03:42:05Z"), epoch seconds
 * or ISO with an offset in lookup-events output, "2026-11-20 03:42:05.000" in CloudTrail Lake results.
 */

const LAKE_TIME = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)$/;

/** Milliseconds since the epoch, or undefined when the value is not a time. */
export function timeMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value * 1000 : undefined;
  if (typeof value !== 'string') return undefined;
  const lake = LAKE_TIME.exec(value);
  const ms = Date.parse(lake ? `${lake[1]}T${lake[2]}Z` : value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** A CloudTrail ISO time in UTC ("...Z"), cheap to compare and bucket as text. */
function isUtcIso(value: string): boolean {
  return value.length >= 17 && value.charCodeAt(10) === 84 /* T */ && value.endsWith('Z');
}

/** The time as UTC ISO text: records' own text when already so, else converted. */
export function isoTime(value: unknown): string | undefined {
  if (typeof value === 'string' && isUtcIso(value)) return value;
  const ms = timeMs(value);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** `YYYY-MM-DDTHH` (UTC) of a time, for hourly buckets. */
export function hourOf(value: unknown): string | undefined {
  return isoTime(value)?.slice(0, 13);
}
