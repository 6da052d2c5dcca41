/**
 * Orders strings by UTF-16 code units: deterministic on every machine, unlike `localeCompare` without
 * a locale (the process's default locale decides), and without ICU collation, whose first use in a
 * process costs milliseconds. For AWS ids and API names (ASCII: lowercase hex, digits, `-`, `#`) the
 * order is the one `localeCompare` gives.
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
