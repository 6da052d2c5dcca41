#!/usr/bin/env node
import './quiet-sdk';
import { Command, CommanderError } from 'commander';
import { registerAudit } from './commands/audit';
import { registerCheck } from './commands/check';
import { registerDemo } from './commands/demo';
import { registerEvaluate } from './commands/evaluate';
import { registerExplain } from './commands/explain';
import { registerLearn } from './commands/learn';
import { registerPreflight } from './commands/preflight';
import { registerReplay } from './commands/replay';
import { teachingHelp } from './commands/help';
import { diagnostics, EXIT, type Io, processIo } from './commands/shared';
import { registerSnapshot } from './commands/snapshot';

/** One or two examples per command, shown at the end of its --help. */
const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  'sg-guardian': ['sg-guardian check --snapshot examples/account --config examples/guardian.yaml', 'sg-guardian demo'],
  check: [
    'sg-guardian check --snapshot examples/account --config examples/guardian.yaml',
    'sg-guardian check --snapshot ./snap --config guardian.yaml --format mermaid > graph.mmd',
  ],
  explain: [
    'sg-guardian explain --snapshot examples/account --from sg-0nginx456 --to sg-0backend123 --port 8080',
    'sg-guardian explain --snapshot ./snap --from sg-0a --to sg-0b --protocol icmp',
  ],
  evaluate: ['sg-guardian evaluate --snapshot examples/account --config examples/guardian.yaml --events examples/events/02-open-8080-to-world.json'],
  demo: ['sg-guardian demo', 'sg-guardian demo --serve --port 8787'],
  audit: ['sg-guardian audit --group sg-0backend123 --table SgGuardian-AuditTable --limit 20'],
  preflight: [
    'terraform show -json plan.out > plan.json && sg-guardian preflight --plan plan.json --snapshot ./snap --config guardian.yaml',
    'sg-guardian preflight --plan plan.json --snapshot ./snap --config guardian.yaml --format sarif --tf-dir infra/',
  ],
  snapshot: ['sg-guardian snapshot --out ./snap --region eu-west-1 --profile prod'],
  learn: ['sg-guardian learn --snapshot examples/account --flow-logs examples/flow-logs --config examples/guardian.yaml --events examples/events/01-revoke-8080-from-nginx.json --out learned.yaml'],
  replay: [
    'aws s3 sync s3://my-trail/AWSLogs/123456789012/CloudTrail/eu-west-1/2026/11/ ./trail && sg-guardian replay --snapshot ./snap --config guardian.yaml --events ./trail --html replay.html',
  ],
};

/** Builds the sg-guardian CLI; `io` and the exit code are injectable for tests. */
export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('sg-guardian')
    .description('A guardrail for AWS security groups: dependencies, world exposure, revert plans')
    .option('--verbose', 'print the stack trace of a failure (anywhere on the line; also DEBUG=1)')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  registerCheck(program, io, setExit);
  registerExplain(program, io, setExit);
  registerEvaluate(program, io, setExit);
  registerDemo(program, io, setExit);
  registerAudit(program, io, setExit);
  registerPreflight(program, io, setExit);
  registerSnapshot(program, io, setExit);
  registerReplay(program, io, setExit);
  registerLearn(program, io, setExit);
  teachingHelp(program, EXAMPLES);
  return program;
}

/** Runs the CLI with argv (without node and script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: Io = processIo): Promise<number> {
  let code: number = EXIT.ok;
  if (argv.includes('--verbose')) diagnostics.verbose = true;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv.filter((a) => a !== '--verbose'), { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    throw error;
  }
  return code;
}

const invokedDirectly = process.argv[1] && /(?:cli\.(?:ts|js)|sg-guardian)$/.test(process.argv[1]);
if (invokedDirectly) process.exitCode = await runCli(process.argv.slice(2));
