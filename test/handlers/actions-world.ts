import { writeBundledPolicy } from '../support/policy';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { PublishCommand } from '@aws-sdk/client-sns';
import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import { vi } from 'vitest';
import { DynamoDbAuditLog } from '../../lambdas/adapters/aws/dynamodb/dynamodb-audit-log';
import { DynamoDbDecisionStore } from '../../lambdas/adapters/aws/dynamodb/dynamodb-decision-store';
import { slackSignature } from '../../lambdas/app/one-click/slack-signature';
import type { DecisionLink } from '../../lambdas/app/ports';
import { exampleEvent, lambdaContext, startWorld } from './harness';

export const LINK_SECRET_ARN =
  'arn:aws:secretsmanager:eu-west-1:123456789012:secret:sg-guardian/links-AbCdEf';
export const LINK_SECRET = 'link-secret-for-tests-0123456789abcdef';
export const PUBLIC_URL = 'https://guardian.example';
export const SIGNING_SECRET = 's3cr3t'; // the Slack secret of the harness
export const ONCALL_GROUP = 'S0ONCALL';

/**
 * The evaluator world in dry-run (so violations wait for a decision), signed links on, and the actions
 * handler with approvals: U0ALICE by id, members of S0ONCALL (U0CAROL) through usergroups.users.list.
 */
export async function startActionsWorld(options: { env?: Record<string, string> } = {}) {
  vi.stubEnv('SG_GUARDIAN_LINK_SECRET_ARN', LINK_SECRET_ARN);
  vi.stubEnv('SG_GUARDIAN_PUBLIC_URL', PUBLIC_URL);
  const world = await startWorld({
    mode: 'dry-run',
    ...(options.env && { env: options.env }),
    slack: (req) =>
      req.path.endsWith('usergroups.users.list')
        ? { status: 200, body: { ok: true, users: req.body.usergroup === ONCALL_GROUP ? ['U0CAROL'] : [] } }
        : { status: 200, body: { ok: true, channel: 'C0SECURITY', ts: '1700000000.000100' } },
  });
  world.secrets
    .on(GetSecretValueCommand, { SecretId: LINK_SECRET_ARN })
    .resolves({ SecretString: LINK_SECRET });
  vi.stubEnv('SG_GUARDIAN_CONFIG', configWithApprovals());
  const actions = await import('../../lambdas/handlers/actions');
  const decisions = new DynamoDbDecisionStore({ client: world.dynamo.client, tableName: world.tables.state });
  const audit = new DynamoDbAuditLog({ client: world.dynamo.client, tableName: world.tables.audit });
  await world.sweep();
  return {
    ...world,
    decisions,
    audit,
    responseUrl: `${world.slack.url.replace(/\/api\/$/, '')}/actions/T0TEAM/1/abc`,
    call: (event: LambdaFunctionURLEvent) =>
      actions.handler(event, lambdaContext) as Promise<Exclude<LambdaFunctionURLResult, string>>,
    /** Lands an example change (reshaped, e.g. as a member account's), lets the evaluator judge it; returns its verdict and signed links. */
    async incident(name: string, reshape: (event: ReturnType<typeof exampleEvent>) => ReturnType<typeof exampleEvent> = (e) => e) {
      const event = reshape(exampleEvent(name));
      world.land(event);
      world.sns.resetHistory();
      await world.evaluate(event);
      const publish = world.sns.commandCalls(PublishCommand).at(-1)?.args[0].input;
      const message = JSON.parse(publish?.Message ?? '{}');
      return {
        eventId: message.event.id as string,
        findingIds: (message.findings as { id: string }[]).map((f) => f.id),
        links: (message.decisionLinks ?? []) as DecisionLink[],
      };
    },
    /** Writes to EC2 other than the sweep's reads. */
    writes: () => world.ec2.writes.length,
  };
}

function configWithApprovals(): string {
  const approvals = `\napprovals:\n  slackUsers: [U0ALICE]\n  slackUserGroups: [${ONCALL_GROUP}]\n`;
  return writeBundledPolicy('examples/guardian.yaml', approvals);
}

/** A Function URL event as Lambda delivers it (body base64-encoded). */
export function urlEvent(request: {
  method: 'GET' | 'POST';
  path: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string;
  sourceIp?: string;
}): LambdaFunctionURLEvent {
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: request.path,
    rawQueryString: request.query ?? '',
    headers: { host: 'guardian.example', ...request.headers },
    requestContext: {
      accountId: 'anonymous',
      apiId: 'url',
      domainName: 'guardian.example',
      domainPrefix: 'guardian',
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '203.0.113.7',
        userAgent: 'test',
      },
      requestId: `r-${now}`,
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
    ...(request.body !== undefined && { body: Buffer.from(request.body).toString('base64') }),
    isBase64Encoded: request.body !== undefined,
  };
}

/** A Slack block_actions click, signed as Slack signs it (or with the given overrides). */
export function slackClick(options: {
  user: string;
  action: 'revert' | 'apply-fix' | 'keep';
  value: string;
  responseUrl: string;
  timestamp?: number;
  secret?: string;
}): LambdaFunctionURLEvent {
  const payload = {
    type: 'block_actions',
    user: { id: options.user, username: options.user.toLowerCase().slice(2), team_id: 'T0TEAM' },
    response_url: options.responseUrl,
    message: {
      text: 'sg-guardian alert',
      blocks: [
        { type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: 'cache-cluster broken' } },
        { type: 'actions', block_id: 'sg-guardian:decision', elements: [] },
      ],
    },
    actions: [
      { action_id: `sg-guardian:${options.action}`, block_id: 'sg-guardian:decision', value: options.value },
    ],
  };
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return urlEvent({
    method: 'POST',
    path: '/slack/actions',
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': slackSignature(options.secret ?? SIGNING_SECRET, timestamp, body),
    },
  });
}
