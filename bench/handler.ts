// The evaluator handler in-process: wall time and EC2 calls per event, against dynalite (DynamoDB on
// loopback), an in-memory EC2, SNS/Secrets Manager mocks and a loopback Slack. Prints one JSON line.
import { writeBundledPolicy } from '../test/support/policy';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { loadSnapshotModel } from '../lambdas/adapters/files/snapshot-files';
import { parseDocument } from '../lambdas/core/events/parse';
import { applyChange } from '../lambdas/core/state/apply-change';
import { startDynalite } from '../test/support/dynalite';
import { FakeEc2 } from '../test/support/fake-ec2';
import { startSlackServer } from '../test/support/slack-server';

const ROUNDS = Number(process.argv[2] ?? 40);
const EVENTS = [
  '01-revoke-8080-from-nginx',
  '02-open-8080-to-world',
  '03-stale-sg-on-secondary-eni',
  '04-nacl-denies-return-traffic',
  '05-ssh-open-to-world',
];

const dynamo = await startDynalite();
const ec2 = new FakeEc2(await loadSnapshotModel('examples/account'));
mockClient(SNSClient).on(PublishCommand).resolves({ MessageId: 'm' });
mockClient(SecretsManagerClient)
  .on(GetSecretValueCommand)
  .resolves({ SecretString: JSON.stringify({ botToken: 'xoxb-bench' }) });
const slack = await startSlackServer();
Object.assign(process.env, {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
  SG_GUARDIAN_CONFIG: writeBundledPolicy(),
  SG_GUARDIAN_MODE: 'enforce',
  SG_GUARDIAN_STATE_TABLE: dynamo.tables.state,
  SG_GUARDIAN_AUDIT_TABLE: dynamo.tables.audit,
  SG_GUARDIAN_IDEMPOTENCY_TABLE: dynamo.tables.idempotency,
  SG_GUARDIAN_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:sg-guardian',
  SG_GUARDIAN_SLACK_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:slack',
  SG_GUARDIAN_SLACK_CHANNEL: 'C0BENCH',
  SG_GUARDIAN_SLACK_API_URL: slack.url,
});
const context = {
  getRemainingTimeInMillis: () => 60_000,
  functionName: 'bench',
  awsRequestId: 'r',
} as unknown as Context;
const coldStart = performance.now();
const { handler } = await import('../lambdas/handlers/evaluate');
const { handler: sweep } = await import('../lambdas/handlers/sweep');
const initMs = performance.now() - coldStart;
await sweep({}, context);

const wall: number[] = [];
const reads: number[] = [];
const total: number[] = [];
const isRead = (name: string) => name.startsWith('Describe') || name.startsWith('Get');
for (let round = 0; round < ROUNDS; round++)
  for (const name of EVENTS) {
    const event = JSON.parse(readFileSync(`examples/events/${name}.json`, 'utf8'));
    event.detail.eventID = `${event.detail.eventID}-${round}`;
    const [parsed] = parseDocument(event);
    if (parsed?.status === 'parsed') ec2.model = applyChange(ec2.model, parsed.change).model;
    const before = ec2.mock.calls().length;
    const start = performance.now();
    await handler(event, context);
    const took = performance.now() - start;
    const calls = ec2.mock
      .calls()
      .slice(before)
      .map((c) => (c.args[0] as object).constructor.name.replace(/Command$/, ''));
    // The reverter re-reads an ENI, NACL or modified rule just before writing (concurrency check).
    const wrote = calls.some((c) => !isRead(c));
    const rereads =
      wrote && parsed?.status === 'parsed' && /^(eni|nacl)-|modified/.test(parsed.change.kind) ? 1 : 0;
    if (round > 0) {
      wall.push(took);
      reads.push(calls.filter(isRead).length - rereads);
      total.push(calls.length);
    }
  }
const sorted = [...wall].sort((a, b) => a - b);
const pct = (p: number) =>
  +sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1);
const mean = (xs: number[]) => +(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2);
console.log(
  JSON.stringify({
    events: wall.length,
    initMs: Math.round(initMs),
    p50Ms: pct(50),
    p99Ms: pct(99),
    ec2CallsToJudgeMean: mean(reads),
    ec2CallsToJudgeMax: Math.max(...reads),
    ec2CallsWithRevertMean: mean(total),
  }),
);
await slack.close();
await dynamo.close();
process.exit(0);
