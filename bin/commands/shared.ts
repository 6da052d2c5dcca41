import { ConfigError } from '../../lambdas/core/config/errors';

/** Exit codes of every command. */
export const EXIT = { ok: 0, violation: 1, badInput: 2 } as const;

/** Errors that mean "the input is wrong" (exit 2) rather than "the tool is broken". */
const BAD_INPUT = new Set([
  'ConfigError',
  'SnapshotError',
  'InputFileError',
  'PlanError',
  'UsageError',
  'AwsAccessError',
  'SnapshotFolderError',
]);

export class UsageError extends Error {
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

/** Runs a command body; bad input becomes exit 2 with a clear message (JSON with --json). */
export async function runCommand(io: Io, json: boolean, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    const bad = BAD_INPUT.has(e.name);
    if (json) {
      const issues = e instanceof ConfigError ? { file: e.file, issues: e.issues } : {};
      io.out(JSON.stringify({ error: { name: e.name, message: e.message, ...issues } }, null, 2));
    } else io.err(`sg-guardian: ${e.message}`);
    if (!bad && !json) io.err(e.stack ?? '');
    return bad ? EXIT.badInput : 70;
  }
}
