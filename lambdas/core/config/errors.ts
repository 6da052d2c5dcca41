import { InputError } from '../errors';
/** One problem in a config file: where (file and path) and what was expected. */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
  readonly line?: number;
}

export class ConfigError extends InputError {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly issues: readonly ConfigIssue[],
    options?: { cause?: unknown },
  ) {
    super(
      `${file}: invalid configuration\n${issues
        .map((i) => `  ${file}${i.line ? `:${i.line}` : ''}: ${i.path || '(root)'}: ${i.message}`)
        .join('\n')}`,
      options,
    );
  }
}
