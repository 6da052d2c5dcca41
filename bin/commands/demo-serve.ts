import { randomBytes } from 'node:crypto';
import { cp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readConfigFile } from '../../lambdas/adapters/files/config-file';
import { ConsoleNotifier } from '../../lambdas/adapters/local/console-notifier';
import { functionUrlHandler } from '../../lambdas/adapters/aws/lambda/function-url-http';
import { InMemoryDecisionStore } from '../../lambdas/adapters/local/in-memory-decision-store';
import { InMemoryReplayGuard } from '../../lambdas/adapters/local/in-memory-replay-guard';
import { InMemoryReverter } from '../../lambdas/adapters/local/in-memory-reverter';
import { InProcessRunner } from '../../lambdas/adapters/local/in-process-runner';
import { readJsonFile } from '../../lambdas/adapters/files/json-file';
import { type LocalServer, serveFunctionUrl } from '../../lambdas/adapters/local/local-http-server';
import { parseSlackClick } from '../../lambdas/adapters/slack/slack-interaction-payload';
import { loadSnapshotModel, writeSnapshotFolder } from '../../lambdas/adapters/files/snapshot-files';
import { StaticState } from '../../lambdas/adapters/local/static-state';
import { fixedClock, systemClock } from '../../lambdas/adapters/local/system-clock';
import { decisionHook } from '../../lambdas/app/one-click/decision-hook';
import { type ActionsDeps, routeAction } from '../../lambdas/app/one-click/router';
import { SignedLinks } from '../../lambdas/app/one-click/signed-link';
import type { AuditEntry, DecisionLink, Reverter } from '../../lambdas/app/ports';
import { runGuardrail } from '../../lambdas/app/run-guardrail';
import type { GuardianConfig } from '../../lambdas/core/config/schema';
import { parseDocument } from '../../lambdas/core/events/parse';
import type { NetworkModel } from '../../lambdas/core/model/types';
import { applyChange } from '../../lambdas/core/state/apply-change';
import type { Io } from './shared';

export interface DemoServeOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Working folder: `<workdir>/account` is the copy of the example account the links revert. */
  readonly workdir: string;
}

export interface DemoServer extends LocalServer {
  /** One signed link per pending decision, in timeline order. */
  readonly links: readonly (DecisionLink & { title: string })[];
  readonly accountDir: string;
}

/**
 * The demo timeline with policy notify-only (decisions stay pending), then the actions endpoint on
 * 127.0.0.1 against a working copy of the account: a confirmed link reverts in memory and writes the
 * copy back. examples/ is never written.
 */
export async function startDemoServer(dir: string, io: Io, options: DemoServeOptions): Promise<DemoServer> {
  const accountDir = join(options.workdir, 'account');
  await rm(accountDir, { recursive: true, force: true });
  await cp(join(dir, 'account'), accountDir, { recursive: true });
  const account = { model: await loadSnapshotModel(accountDir) };
  const decisions = new InMemoryDecisionStore();
  const secret = randomBytes(32).toString('hex');
  const deps: ActionsDeps = {
    decisions,
    reverter: writingBack(account, accountDir),
    audit: consoleAudit(io),
    clock: systemClock,
    mode: 'enforce',
    signingSecret: async () => undefined,
    replay: new InMemoryReplayGuard(),
    approvals: { slackUsers: [], slackUserGroups: [], linkTtlHours: 24 },
    runner: new InProcessRunner(async () => undefined),
    parseClick: parseSlackClick,
    linkSecret: async () => secret,
  };
  let publicOrigin = '';
  const server = await serveFunctionUrl(
    functionUrlHandler((req) => routeAction(req, { ...deps, publicOrigin })),
    { port: options.port },
  );
  publicOrigin = server.url;
  const config = notifyOnly(await readConfigFile(join(dir, 'guardian.yaml')));
  const links = new SignedLinks({ secret: async () => secret, publicUrl: server.url, ttlHours: 24 });
  await runTimeline(
    dir,
    io,
    account,
    config,
    decisionHook({ decisions, links, clock: systemClock, mode: 'enforce' }),
  );
  await writeSnapshotFolder(accountDir, account.model);
  const pending = decisions.all().filter((d) => d.status === 'pending');
  const signed = await Promise.all(
    pending.map(async (d) => ({
      ...(await links.linkFor(d.findingId, new Date(d.createdAt))),
      title: d.verdict.findings.find((f) => f.id === d.findingId)?.title ?? d.findingId,
    })),
  );
  return { ...server, links: signed, accountDir };
}

type Hook = ReturnType<typeof decisionHook>;

/** The incidents land one by one and are judged and notified; nothing is reverted (notify-only). */
async function runTimeline(
  dir: string,
  io: Io,
  account: { model: NetworkModel },
  config: GuardianConfig,
  hook: Hook,
) {
  const known = new StaticState(account.model);
  const deps = {
    config,
    state: known,
    reverter: new InMemoryReverter({ get: () => account.model, set: (m) => (account.model = m) }),
    notifiers: [new ConsoleNotifier((text) => io.out(text))],
    clock: fixedClock('2026-11-20T20:00:00Z'),
    mode: 'enforce' as const,
    beforeNotify: hook,
  };
  const files = (await readdir(join(dir, 'events'))).filter((f) => f.endsWith('.json')).sort();
  for (const file of files) {
    io.out(`\n▶ ${file}`);
    for (const event of parseDocument(await readJsonFile(join(dir, 'events', file)))) {
      if (event.status === 'parsed') account.model = applyChange(account.model, event.change).model;
      await runGuardrail(event, deps);
      known.replace(account.model);
    }
  }
}

function notifyOnly(config: GuardianConfig): GuardianConfig {
  return { ...config, actions: { 'dependency-broken': 'notify', 'world-exposure': 'notify' } };
}

/** The in-memory revert, then the working copy written back so `check --snapshot` sees it. */
function writingBack(account: { model: NetworkModel }, accountDir: string): Reverter {
  let rules = 0;
  const inner = new InMemoryReverter(
    { get: () => account.model, set: (m) => (account.model = m) },
    { newRuleId: () => `sgr-0demo${String(++rules).padStart(8, '0')}` },
  );
  return {
    async apply(plan) {
      const outcome = await inner.apply(plan);
      await writeSnapshotFolder(accountDir, account.model);
      return outcome;
    },
  };
}

function consoleAudit(io: Io) {
  const entries: AuditEntry[] = [];
  return {
    async record(entry: AuditEntry) {
      entries.push(entry);
      io.out(
        `audit: ${entry.action} of ${entry.eventName} (${entry.eventId}) by ${entry.approver ?? 'the guardian'}: ${entry.outcome ?? '-'}`,
      );
    },
    async forGroup(groupId: string) {
      return entries.filter((e) => e.groupIds.includes(groupId)).reverse();
    },
  };
}
