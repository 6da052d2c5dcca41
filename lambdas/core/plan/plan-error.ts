import { InputError } from '../errors';
import type { Issue } from '../events/read';

/** A plan document that cannot be read; the message names the file and the JSON path of the bad field. */
export class PlanError extends InputError {
  override readonly name = 'PlanError';

  constructor(
    readonly file: string,
    readonly issue: Issue,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${issue.path}: ${issue.reason}`, options);
  }
}
