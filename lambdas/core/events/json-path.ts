/** Builds JSON paths like `$.Records[0].requestParameters['odd-key']` for error messages. */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const ROOT_PATH = '$';

/** `base.key`, or `base['key']` when the key is not a plain identifier. */
export function keyPath(base: string, key: string): string {
  if (IDENTIFIER.test(key)) return `${base}.${key}`;
  return `${base}['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}
