import { InputError } from '../errors';
/** A snapshot document that cannot be read; the message names the file and the field path. */
export class SnapshotError extends InputError {
  override name = 'SnapshotError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Formats a zod-style path as `SecurityGroups[3].IpPermissions[0].FromPort`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}
