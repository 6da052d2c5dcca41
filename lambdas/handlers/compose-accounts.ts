import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { DynamoDbStateCache } from '../adapters/aws/dynamodb/dynamodb-state-cache';
import { Ec2AccountReader } from '../adapters/aws/ec2/ec2-reader';
import { Ec2Reverter } from '../adapters/aws/ec2/ec2-writer';
import { accountOfArn, MemberAccountClients } from '../adapters/aws/member-account-clients';
import { LiveStateSource } from '../app/live-state-source';
import type { PipelineDeps } from '../app/process-event';
import type { SweepDeps } from '../app/sweep';
import type { SweepTarget } from '../app/sweep-all';
import type { EventMeta } from '../core/events/types';
import type { Settings } from './settings';

/** The home account (from the guardian's role ARN) and region, and EC2 clients for any (account, region). */
export function accountClients(settings: Settings, homeClient: EC2Client) {
  const roleArn = settings.SG_GUARDIAN_ROLE_ARN;
  const homeAccountId = roleArn ? accountOfArn(roleArn) : undefined;
  const homeRegion = process.env.AWS_REGION ?? '';
  const clients = homeAccountId
    ? new MemberAccountClients({
        homeAccountId,
        homeRegion,
        homeClient,
        memberRoleName: settings.SG_GUARDIAN_MEMBER_ROLE_NAME,
        externalId: settings.SG_GUARDIAN_EXTERNAL_ID,
        partition: roleArn?.split(':')[1],
      })
    : undefined;
  /** The client of an (account, region) this deployment may act in; undefined for an account it may not. */
  const clientFor = (account: string, region: string): EC2Client | undefined =>
    clients && (account === homeAccountId || settings.SG_GUARDIAN_MEMBER_ROLE_NAME)
      ? clients.memberEc2Client(account, region)
      : undefined;
  return { homeAccountId, homeRegion, clients, clientFor };
}

/** A pipeline and the reader and state cache of its account and region. */
interface ScopedPipeline {
  readonly deps: PipelineDeps;
  readonly reader: Ec2AccountReader;
  readonly cache: DynamoDbStateCache;
}

/**
 * The pipeline of the account and region an event comes from. The home account in the home region uses
 * `home`; any other (account, region) — a member account through its revert role, or another region of
 * the home account — gets its own EC2 reader and reverter and its own partition of the state cache,
 * built once per cold start. Without a member role name, other accounts stay out of scope (ignored).
 * `sweepTargets` lists the same pipelines for the sweep.
 */
export function accountPipelines(
  home: ScopedPipeline,
  options: { settings: Settings; homeClient: EC2Client; dynamodb: DynamoDBClient },
) {
  const { settings } = options;
  const { homeAccountId, homeRegion, clients } = accountClients(settings, options.homeClient);
  const built = new Map<string, ScopedPipeline>();
  const inScope = (account: string) => account === homeAccountId || !!settings.SG_GUARDIAN_MEMBER_ROLE_NAME;
  const pipelineFor = (account: string, region: string): ScopedPipeline => {
    if (!homeAccountId || !clients || (account === homeAccountId && region === homeRegion)) return home;
    const scope = `${account}/${region}`;
    const existing = built.get(scope);
    if (existing) return existing;
    const ec2 = clients.memberEc2Client(account, region);
    const reader = new Ec2AccountReader(ec2);
    const cache = new DynamoDbStateCache({ client: options.dynamodb, tableName: settings.SG_GUARDIAN_STATE_TABLE, scope });
    const state = new LiveStateSource({ reader, cache, config: home.deps.config });
    const deps: PipelineDeps = {
      ...home.deps,
      state,
      reverter: new Ec2Reverter(ec2),
      commit: (s, gone) => state.commit(s, gone),
      ec2Calls: () => reader.calls,
      homeAccountId: account,
      // The guardian's own changes there are made through the member role: confirmations, not judged.
      guardianRoleArn: account === homeAccountId ? home.deps.guardianRoleArn : clients.memberRoleArn(account),
    };
    const pipeline = { deps, reader, cache };
    built.set(scope, pipeline);
    return pipeline;
  };
  const depsFor = (meta: Partial<EventMeta> | undefined): PipelineDeps => {
    const account = meta?.accountId ?? homeAccountId ?? '';
    if (!inScope(account)) return home.deps; // out of scope: recorded as ignored
    return pipelineFor(account, meta?.awsRegion ?? homeRegion).deps;
  };
  /**
   * The home account in the home region and each watched region, and every account/region whose state
   * the cache holds (`listed`, e.g. member accounts seen through their events), once each.
   */
  const sweepTargets = (regions: readonly string[], listed: readonly string[]): SweepTarget[] => {
    const scopes = new Set([homeRegion, ...regions].map((r) => `${homeAccountId ?? ''}/${r}`));
    for (const scope of listed) if (inScope(scope.split('/')[0] ?? '')) scopes.add(scope);
    if (!homeAccountId) return [{ deps: () => sweepDeps(home) }];
    return [...scopes].map((scope) => {
      const [accountId = '', region = ''] = scope.split('/');
      return { accountId, region, deps: () => sweepDeps(pipelineFor(accountId, region)) };
    });
  };
  return { depsFor, sweepTargets };
}

function sweepDeps({ deps, reader, cache }: ScopedPipeline): SweepDeps {
  return { ...deps, reader, cache };
}
