import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readConfigFile } from '../../lambdas/adapters/files/config-file';
import { readJsonFile } from '../../lambdas/adapters/files/json-file';
import { loadSnapshotModel } from '../../lambdas/adapters/files/snapshot-files';
import { indexTerraformSources } from '../../lambdas/adapters/files/terraform-sources';
import { preflight, preflightFails } from '../../lambdas/app/preflight';
import { renderPreflightGithub } from '../../lambdas/app/render/preflight-github';
import { toPreflightJson } from '../../lambdas/app/render/preflight-json';
import { toPreflightSarif } from '../../lambdas/app/render/preflight-sarif';
import { renderPreflightText } from '../../lambdas/app/render/preflight-text';
import { rejectConflicts } from './help';
import { EXIT, type Io, runCommand, UsageError } from './shared';

const FORMATS = ['text', 'json', 'sarif', 'github'];
const TOOL_VERSION = '0.1.0';

interface PreflightOptions {
  plan: string;
  snapshot: string;
  config: string;
  format: string;
  json?: boolean;
  strict?: boolean;
  tfDir?: string;
  sarifOutput?: string;
}

export function registerPreflight(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('preflight')
    .description(
      'Judge a Terraform plan before it is applied: dependencies it would break, exposures it would open',
    )
    .requiredOption('--plan <file>', 'terraform show -json PLANFILE output')
    .requiredOption('--snapshot <dir>', 'snapshot folder of the account as it is now')
    .requiredOption('--config <file>', 'guardian.yaml')
    .option('--format <format>', 'text | json | sarif | github (workflow annotations)', 'text')
    .option('--json', 'same as --format json')
    .option('--strict', 'also exit 1 when part of the plan cannot be judged (values known only after apply)')
    .option('--tf-dir <dir>', 'Terraform sources: SARIF results and annotations point at resource blocks')
    .option('--sarif-output <file>', 'also write the SARIF report to this file')
    .action(async (opts: PreflightOptions, command: Command) => {
      const format = opts.json ? 'json' : opts.format;
      setExit(
        await runCommand(io, format === 'json', async () => {
          rejectConflicts(command, [['json', 'format', (f) => f !== 'json']]);
          if (!FORMATS.includes(format))
            throw new UsageError(`--format: expected text, json, sarif or github, got "${format}"`);
          const [config, model, plan, locate] = await Promise.all([
            readConfigFile(opts.config),
            loadSnapshotModel(opts.snapshot),
            readJsonFile(opts.plan),
            opts.tfDir ? indexTerraformSources(opts.tfDir) : Promise.resolve(undefined),
          ]);
          const report = preflight({ plan, planFile: opts.plan, model, config });
          const sarif = () =>
            JSON.stringify(toPreflightSarif(report, { toolVersion: TOOL_VERSION, locate }), null, 2);
          if (opts.sarifOutput) await writeFile(opts.sarifOutput, `${sarif()}\n`);
          if (format === 'json') io.out(JSON.stringify(toPreflightJson(report), null, 2));
          else if (format === 'sarif') io.out(sarif());
          else if (format === 'github') io.out(renderPreflightGithub(report, locate));
          else io.out(renderPreflightText(report));
          if (report.verdict === 'cannot-judge' && !opts.strict && format !== 'json' && format !== 'sarif')
            io.err(
              'sg-guardian: part of the plan cannot be judged before apply (exit 0; --strict makes it fail)',
            );
          return preflightFails(report, !!opts.strict) ? EXIT.violation : EXIT.ok;
        }),
      );
    });
}
