import type { Command } from 'commander';
import { readConfigFile } from '../../lambdas/adapters/files/config-file';
import { loadSnapshotModel } from '../../lambdas/adapters/files/snapshot-files';
import { checkAccount } from '../../lambdas/app/check-account';
import { renderCheckMermaid } from '../../lambdas/app/render/check-mermaid';
import { renderCheckText } from '../../lambdas/app/render/check-text';
import { rejectConflicts } from './help';
import { EXIT, type Io, runCommand, UsageError } from './shared';

interface CheckOptions {
  snapshot: string;
  config: string;
  format: string;
  json?: boolean;
}

export function registerCheck(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('check')
    .description(
      'Check every declared dependency (reachable / blocked by which layer) and every world exposure',
    )
    .requiredOption('--snapshot <dir>', 'snapshot folder of aws ec2 describe-* outputs')
    .requiredOption('--config <file>', 'guardian.yaml')
    .option('--format <format>', 'text | json | mermaid', 'text')
    .option('--json', 'same as --format json')
    .action(async (opts: CheckOptions, command: Command) => {
      const format = opts.json ? 'json' : opts.format;
      setExit(
        await runCommand(io, format === 'json', async () => {
          rejectConflicts(command, [['json', 'format', (f) => f !== 'json']]);
          if (!['text', 'json', 'mermaid'].includes(format))
            throw new UsageError(`--format: expected text, json or mermaid, got "${format}"`);
          const [config, model] = await Promise.all([
            readConfigFile(opts.config),
            loadSnapshotModel(opts.snapshot),
          ]);
          const report = checkAccount(model, config);
          if (format === 'json') io.out(JSON.stringify(report, null, 2));
          else if (format === 'mermaid')
            io.out(renderCheckMermaid(report, (id) => model.group(id)?.groupName ?? id));
          else io.out(renderCheckText(report));
          return report.violation ? EXIT.violation : EXIT.ok;
        }),
      );
    });
}
