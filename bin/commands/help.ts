import type { Command } from 'commander';
import { UsageError } from './shared';

/**
 * Help that teaches: required options are marked "(required)", and each command ends its help with
 * examples. Applied to every command of the program once they are registered.
 */
export function teachingHelp(program: Command, examples: Readonly<Record<string, readonly string[]>>): void {
  for (const command of [program, ...program.commands]) {
    command.configureHelp({
      optionDescription: (option) => {
        const parts = [option.description];
        if (option.mandatory) parts.unshift('(required)');
        if (option.defaultValue !== undefined && option.defaultValue !== false)
          parts.push(`(default: ${JSON.stringify(option.defaultValue)})`);
        return parts.filter(Boolean).join(' ');
      },
    });
    const lines = examples[command.name()];
    if (lines?.length)
      command.addHelpText('after', `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((l) => `  $ ${l}`).join('\n')}`);
  }
}

/** Options given on the command line that cannot go together: a usage error, never a silent pick. */
export function rejectConflicts(
  command: Command,
  pairs: readonly (readonly [a: string, b: string, when?: (value: unknown) => boolean])[],
): void {
  for (const [a, b, when] of pairs) {
    const given = (name: string) => command.getOptionValueSource(name) === 'cli';
    if (given(a) && given(b) && (when?.(command.getOptionValue(b)) ?? true))
      throw new UsageError(
        `--${kebab(a)} and --${kebab(b)}${when ? ` ${String(command.getOptionValue(b))}` : ''} cannot be used together`,
      );
  }
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
