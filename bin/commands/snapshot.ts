import type { Command } from 'commander';
import { createEc2Client } from '../../lambdas/adapters/aws/ec2/ec2-client';
import { createProgressBar } from '../../lambdas/adapters/local/progress-bar';
import { type CaptureSummary, captureSnapshot } from '../../lambdas/adapters/aws/ec2/snapshot-capture';
import { EXIT, type Io, runCommand } from './shared';

interface SnapshotOptions {
  out: string;
  region?: string;
  profile?: string;
  json?: boolean;
}

export function registerSnapshot(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('snapshot')
    .description(
      "Capture a live account's groups, rules, ENIs, NACLs, prefix lists, instances and launch templates into a snapshot folder",
    )
    .requiredOption('--out <dir>', 'snapshot folder to write (new, empty, or an earlier snapshot)')
    .option('--region <region>', 'AWS region (default: AWS_REGION or the profile region)')
    .option('--profile <name>', 'AWS profile from ~/.aws/config (default: AWS_PROFILE or the SDK chain)')
    .option('--json', 'machine-readable summary')
    .action(async (opts: SnapshotOptions) => {
      setExit(
        await runCommand(io, !!opts.json, async () => {
          const client = createEc2Client({
            ...(opts.region === undefined ? {} : { region: opts.region }),
            ...(opts.profile === undefined ? {} : { profile: opts.profile }),
          });
          try {
            const summary = await captureSnapshot(client, {
              dir: opts.out,
              ...(opts.profile === undefined ? {} : { profile: opts.profile }),
              progress: createProgressBar(process.stderr),
            });
            io.out(opts.json ? JSON.stringify(summary, null, 2) : renderSummary(summary));
          } finally {
            client.destroy();
          }
          return EXIT.ok;
        }),
      );
    });
}

function renderSummary(s: CaptureSummary): string {
  const c = s.counts;
  return [
    `Snapshot of ${s.account ? `account ${s.account}` : 'an account'} in ${s.region} written to ${s.dir}`,
    `  ${c.securityGroups} security groups, ${c.securityGroupRules} rules, ${c.networkInterfaces} ENIs, ` +
      `${c.networkAcls} network ACLs, ${c.prefixLists} prefix lists (${c.prefixListEntries} with entries)`,
    `  ${c.instances} instances, ${c.launchTemplates} launch templates (${c.launchTemplateVersions} versions)`,
    `  ${s.files.length} files, ${s.calls} EC2 calls, taken ${s.capturedAt}`,
  ].join('\n');
}
