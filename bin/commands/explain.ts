import type { Command } from 'commander';
import { loadSnapshotModel } from '../../lambdas/adapters/files/snapshot-files';
import { pathSymptom, renderExplainText } from '../../lambdas/app/render/explain-text';
import { explainPath } from '../../lambdas/core/reachability/explain';
import { normalizeProtocol } from '../../lambdas/core/util/protocol';
import { EXIT, type Io, runCommand, UsageError } from './shared';

interface ExplainOptions {
  snapshot: string;
  from: string;
  to: string;
  port?: string;
  protocol: string;
  json?: boolean;
}

export function registerExplain(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('explain')
    .description('Explain one path between two security groups, layer by layer (like Reachability Analyzer)')
    .requiredOption('--snapshot <dir>', 'snapshot folder of aws ec2 describe-* outputs')
    .requiredOption('--from <sg>', 'source security group id')
    .requiredOption('--to <sg>', 'destination security group id')
    .option('--port <n>', 'destination port (required for tcp and udp)')
    .option('--protocol <p>', 'tcp | udp | icmp | icmpv6 | all (or -1) | an IANA protocol number 0-255', 'tcp')
    .option('--json', 'machine-readable output')
    .action(async (opts: ExplainOptions) => {
      setExit(
        await runCommand(io, !!opts.json, async () => {
          const protocol = normalizeProtocol(opts.protocol);
          if (!protocol)
            throw new UsageError(
              `--protocol: expected tcp, udp, icmp, icmpv6, all (or -1) or a protocol number 0-255, got "${opts.protocol}"`,
            );
          const port = opts.port === undefined ? undefined : Number(opts.port);
          if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535))
            throw new UsageError(`--port: expected a number 0-65535, got "${opts.port}"`);
          if (port === undefined && (protocol === 'tcp' || protocol === 'udp'))
            throw new UsageError(`--port is required for ${protocol}`);
          const model = await loadSnapshotModel(opts.snapshot);
          for (const [flag, id] of [
            ['--from', opts.from],
            ['--to', opts.to],
          ] as const)
            if (!model.group(id))
              throw new UsageError(`${flag}: no security group ${id} in ${opts.snapshot}`);
          const result = explainPath(model, { fromGroupId: opts.from, toGroupId: opts.to, protocol, port });
          io.out(opts.json ? JSON.stringify({ ...result, symptom: pathSymptom(result) ?? null }, null, 2) : renderExplainText(result));
          return result.status === 'reachable' ? EXIT.ok : EXIT.violation;
        }),
      );
    });
}
