import { GuardianError, InputError } from '../../lambdas/core/errors';
import { explainAwsFailure } from '../../lambdas/adapters/aws/aws-access-errors';
import { explainSystemError } from '../../lambdas/adapters/local/system-errors';
import { ConfigError } from '../../lambdas/core/config/errors';

/** Exit codes of every command. */
export const EXIT = { ok: 0, violation: 1, badInput: 2 } as const;

export class UsageError extends InputError {
  override readonly name = 'UsageError';
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Stack traces of failures are printed with --verbose (anywhere on the command line) or DEBUG set. */
export const diagnostics = { verbose: Boolean(process.env.DEBUG) };

/**
 * The error a user can act on: ours as thrown (input or environment), or an AWS or system failure
 * explained; undefined for a bug.
 */
function explainFailure(error: unknown): GuardianError | undefined {
  if (error instanceof GuardianError) return error;
  const api = (error as { api?: unknown } | null)?.api;
  return explainAwsFailure(error) ?? explainSystemError(error, typeof api === 'string' ? `ec2:${api}` : undefined);
}

/**
 * Runs a command body. A failure the user can act on is one line naming what failed and what to do,
 * exit 2 (JSON with --json); anything else is a bug: exit 70. The stack only with --verbose or DEBUG.
 */
export async function runCommand(io: Io, json: boolean, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    const raw = error instanceof Error ? error : new Error(String(error));
    const known = explainFailure(raw);
    const e = known ?? raw;
    if (json) {
      const issues = e instanceof ConfigError ? { file: e.file, issues: e.issues } : {};
      io.out(JSON.stringify({ error: { name: e.name, kind: known?.kind ?? 'internal', message: e.message, ...issues } }, null, 2));
    } else io.err(`sg-guardian: ${known ? '' : 'internal error: '}${e.message}`);
    if (diagnostics.verbose) io.err(raw.stack ?? '');
    else if (!known && !json) io.err('(run again with --verbose for the stack trace, and please report it)');
    return known ? EXIT.badInput : 70;
  }
}
