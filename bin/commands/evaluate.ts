import type { Command } from 'commander';
import { readConfigFile } from '../../lambdas/adapters/files/config-file';
import { readJsonFile } from '../../lambdas/adapters/files/json-file';
import { loadSnapshotModel } from '../../lambdas/adapters/files/snapshot-files';
import { StaticState } from '../../lambdas/adapters/local/static-state';
import { systemClock } from '../../lambdas/adapters/local/system-clock';
import { evaluateEvents } from '../../lambdas/app/evaluate-events';
import { toEvaluateJson } from '../../lambdas/app/render/evaluate-json';
import { renderVerdictText } from '../../lambdas/app/render/verdict-text';
import { EXIT, type Io, runCommand } from './shared';

interface EvaluateOptions {
  snapshot: string;
  config: string;
  events: string;
  json?: boolean;
}

export function registerEvaluate(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('evaluate')
    .description(
      "Judge each CloudTrail event of a file against a snapshot: each event's verdict and revert plan",
    )
    .requiredOption('--snapshot <dir>', 'snapshot folder (taken before or after the events)')
    .requiredOption('--config <file>', 'guardian.yaml')
    .requiredOption(
      '--events <file>',
      'EventBridge event, CloudTrail record or log file, or lookup-events output',
    )
    .option('--json', 'machine-readable output')
    .action(async (opts: EvaluateOptions) => {
      setExit(
        await runCommand(io, !!opts.json, async () => {
          const [config, model, document] = await Promise.all([
            readConfigFile(opts.config),
            loadSnapshotModel(opts.snapshot),
            readJsonFile(opts.events),
          ]);
          const verdicts = await evaluateEvents(document, {
            config,
            state: new StaticState(model),
            clock: systemClock,
          });
          if (opts.json) io.out(JSON.stringify(toEvaluateJson(verdicts), null, 2));
          else io.out(verdicts.map((v) => renderVerdictText(v)).join('\n\n'));
          if (verdicts.some((v) => v.verdict === 'violation')) return EXIT.violation;
          return verdicts.some((v) => v.verdict === 'invalid') ? EXIT.badInput : EXIT.ok;
        }),
      );
    });
}
