import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { readConfigFile } from '../../lambdas/adapters/files/config-file';
import { InMemoryReverter } from '../../lambdas/adapters/local/in-memory-reverter';
import { readJsonFile } from '../../lambdas/adapters/files/json-file';
import { loadSnapshotModel } from '../../lambdas/adapters/files/snapshot-files';
import { StaticState } from '../../lambdas/adapters/local/static-state';
import { fixedClock } from '../../lambdas/adapters/local/system-clock';
import { checkAccount } from '../../lambdas/app/check-account';
import { renderCheckText } from '../../lambdas/app/render/check-text';
import { renderVerdictText } from '../../lambdas/app/render/verdict-text';
import type { RevertOutcome } from '../../lambdas/app/ports';
import { toEvaluateJson } from '../../lambdas/app/render/evaluate-json';
import { runGuardrail } from '../../lambdas/app/run-guardrail';
import type { Verdict } from '../../lambdas/core/verdict/types';
import { parseDocument } from '../../lambdas/core/events/parse';
import { applyChange } from '../../lambdas/core/state/apply-change';
import { PreviewNotifier, type SentNotification } from './demo-notifications';
import { startDemoServer } from './demo-serve';
import { resolveExamples } from './package-examples';
import { rejectConflicts } from './help';
import { EXIT, type Io, runCommand, UsageError } from './shared';

interface DemoOptions {
  examples?: string;
  serve?: boolean;
  port: string;
  workdir: string;
  json?: boolean;
}

/**
 * Replays the example incidents as they would happen in an account: each change lands, the guardrail
 * judges it against the last-known state (what the Lambda's state cache holds), notifies, and reverts.
 */
export function registerDemo(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('demo')
    .description('Run the example incidents through the guardrail on a laptop (no AWS account)')
    .option('--examples <dir>', "examples folder (account/, events/, guardian.yaml); default: ./examples, else the package's own")
    .option('--serve', 'notify only, then serve one-click revert links on 127.0.0.1 until Ctrl-C')
    .option('--port <n>', 'port of --serve (0: any free port)', '8787')
    .option('--workdir <dir>', 'working copy of the account for --serve', '.demo')
    .option('--json', 'print the results as JSON instead of the timeline')
    .action(async (opts: DemoOptions, command: Command) => {
      const examples = resolveExamples(opts.examples);
      const run = opts.serve
        ? () => serveDemo({ ...opts, examples }, io)
        : () => runDemo(examples, io, !!opts.json);
      const body = async () => {
        rejectConflicts(command, [['serve', 'json']]);
        return run();
      };
      setExit(await runCommand(io, !!opts.json, body));
    });
}

export async function runDemo(dir: string, io: Io, json = false): Promise<number> {
  const say = json ? () => undefined : (text: string) => io.out(text);
  const config = await readConfigFile(join(dir, 'guardian.yaml'));
  let account = await loadSnapshotModel(join(dir, 'account'));
  const files = (await readdir(join(dir, 'events'))).filter((f) => f.endsWith('.json')).sort();
  say(`sg-guardian demo — ${files.length} incidents from ${dir}/events, policy ${dir}/guardian.yaml\n`);
  const known = new StaticState(account);
  const preview = new PreviewNotifier(say);
  const deps = {
    config,
    state: known,
    reverter: new InMemoryReverter({ get: () => account, set: (m) => (account = m) }),
    notifiers: [preview],
    clock: fixedClock('2026-11-20T20:00:00Z'),
    mode: 'enforce' as const,
  };
  let reverted = 0;
  const results: {
    file: string;
    verdict: Verdict;
    revert?: RevertOutcome;
    notification?: SentNotification;
  }[] = [];
  for (const file of files) {
    say(`\n▶ ${file}`);
    for (const event of parseDocument(await readJsonFile(join(dir, 'events', file)))) {
      if (event.status === 'parsed') account = applyChange(account, event.change).model; // the change lands
      const result = await runGuardrail(event, deps);
      if (result.verdict.action === 'none')
        say(`${renderVerdictText(result.verdict)}\n   ✉ nothing sent: no action to report`);
      if (result.revert?.status === 'reverted') reverted++;
      const notification = preview.sent.get(result.verdict.eventId);
      results.push({ file, verdict: result.verdict, revert: result.revert, notification });
      known.replace(account); // the state cache catches up with the account
    }
  }
  say('\n▶ after the guardrail: the whole account checked — what is still open');
  const report = checkAccount(account, config);
  say(renderCheckText(report));
  say(`\n${files.length} incidents, ${reverted} reverted automatically.`);
  await (await import('./demo-learn')).runLearnDemo(dir, say); // learn on examples/flow-logs
  if (json)
    io.out(
      JSON.stringify(
        {
          results: toEvaluateJson(results.map((r) => r.verdict)).results.map((r, i) => ({
            file: results[i]!.file,
            ...r,
            revertOutcome: results[i]!.revert?.status,
            ...(results[i]!.notification && { notification: results[i]!.notification }),
          })),
          after: report.dependencies.map((d) => ({ dependency: d.dependency, status: d.status })),
          exposuresAfter: report.exposures.map((f) => ({ groupId: f.groupId, title: f.title, severity: f.severity })),
          reverted,
        },
        null,
        2,
      ),
    );
  return EXIT.ok;
}

/** `demo --serve`: the timeline without reverts, then signed links served until SIGINT / SIGTERM. */
async function serveDemo(opts: DemoOptions & { examples: string }, io: Io): Promise<number> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port ${opts.port}: not a port`);
  const server = await startDemoServer(opts.examples, io, { port, workdir: opts.workdir });
  io.out(
    `\n▶ ${server.links.length} pending decision(s), served on ${server.url} — open a link, press Revert:`,
  );
  for (const link of server.links) io.out(`  ${link.title}\n    ${link.url}`);
  io.out(
    `\nThen see the working copy: sg-guardian check --snapshot ${server.accountDir} --config ${join(opts.examples, 'guardian.yaml')}`,
  );
  io.out('Ctrl-C stops the server.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return EXIT.ok;
}
