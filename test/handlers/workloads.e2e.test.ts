import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublishCommand } from '@aws-sdk/client-sns';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDbStateCache } from '../../lambdas/adapters/aws/dynamodb/dynamodb-state-cache';
import { writeBundledPolicy } from '../support/policy';
import { startWorld } from './harness';

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

/** The example policy plus a workload dependency: nginx reaches every backend instance's device 1 on 8080. */
function workloadPolicy(): string {
  const yaml = readFileSync('examples/guardian.yaml', 'utf8').replace(
    'dependencies:\n',
    [
      'dependencies:',
      '  - name: nginx-to-backend-device-1',
      '    from: { groupId: sg-0nginx456 }',
      '    to: { instanceTags: { Role: backend }, deviceIndex: 1 }',
      '    protocol: tcp',
      '    port: 8080',
      '',
    ].join('\n'),
  );
  const file = join(mkdtempSync(join(tmpdir(), 'sg-guardian-workloads-')), 'guardian.yaml');
  writeFileSync(file, yaml);
  return writeBundledPolicy(file);
}

/** A CloudTrail record of test/events (the parsers' real-shaped fixtures) as EventBridge delivers it. */
function eventBridge(file: string): Record<string, unknown> {
  const detail = JSON.parse(readFileSync(join('test/events', file), 'utf8')) as Record<string, unknown>;
  return {
    version: '0',
    id: 'b1d6d4a1-0000-4000-8000-000000000001',
    'detail-type': 'AWS API Call via CloudTrail',
    source: 'aws.ec2',
    account: '123456789012',
    time: detail.eventTime,
    region: 'eu-west-1',
    resources: [],
    detail,
  };
}

describe('evaluator handler and a launch (the Phantom Block)', () => {
  it('notifies a RunInstances whose secondary ENI carries a stale group, and reverts or terminates nothing', async () => {
    // Prepare: the last sweep cached the account; then backend-3 is launched with sg-0legacy789 on device 1
    world = await startWorld({ env: { SG_GUARDIAN_CONFIG: workloadPolicy() } });
    await world.sweep();
    const event = eventBridge('run-instances-two-enis.json');
    world.land(event);

    // Act
    const result = await world.evaluate(event);

    // Assess: a violation, notified on SNS and Slack, no EC2 write at all
    expect(result.results[0]).toMatchObject({ status: 'judged', verdict: 'violation', action: 'notify' });
    expect(world.ec2.writes).toEqual([]);
    const publishes = world.sns.commandCalls(PublishCommand);
    expect(publishes).toHaveLength(1);
    expect(publishes[0]!.args[0].input.Message).toContain('nginx-to-backend-device-1');
    expect(world.slack.requests).toHaveLength(1);
    expect(JSON.stringify(world.slack.requests[0]?.body)).toContain('i-0backend3');
    // The state cache now knows the instance and its ENIs (the next event is judged against them)
    const cache = new DynamoDbStateCache({ client: world.dynamo.client, tableName: world.tables.state });
    const cached = await cache.load({ instanceIds: ['i-0backend3'], eniIds: ['eni-0backend3a', 'eni-0backend3b'] });
    expect(cached.instances?.[0]?.networkInterfaces).toEqual([
      { eniId: 'eni-0backend3a', deviceIndex: 0 },
      { eniId: 'eni-0backend3b', deviceIndex: 1 },
    ]);
    expect(cached.enis.map((e) => e.groupIds)).toEqual([['sg-0backend123'], ['sg-0legacy789']]);
  });
});
