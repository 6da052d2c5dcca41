import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertMotoUp } from './support/moto';
import { type EmulatorWorld, startEmulatorWorld } from './support/world';

let world: EmulatorWorld;

beforeAll(assertMotoUp);
beforeEach(async () => {
  world = await startEmulatorWorld();
});
afterEach(async () => {
  await world.stop();
});

interface Incident {
  readonly name: string;
  readonly result: Record<string, unknown>;
  /** The EC2 writes the guardian sends (all to the resource the event names). */
  readonly writes: readonly string[];
  /** The account after the handler: as before the change (reverted), or as the change left it. */
  readonly after: 'before' | 'changed';
  readonly notifications: number;
}

const reverted = { status: 'judged', verdict: 'violation', action: 'revert', revert: 'reverted' };

const INCIDENTS: readonly Incident[] = [
  { name: '01-revoke-8080-from-nginx', result: reverted, writes: ['AuthorizeSecurityGroupIngress'], after: 'before', notifications: 1 },
  { name: '02-open-8080-to-world', result: reverted, writes: ['RevokeSecurityGroupIngress'], after: 'before', notifications: 1 },
  { name: '03-stale-sg-on-secondary-eni', result: reverted, writes: ['ModifyNetworkInterfaceAttribute'], after: 'before', notifications: 1 },
  { name: '04-nacl-denies-return-traffic', result: reverted, writes: ['ReplaceNetworkAclEntry'], after: 'before', notifications: 1 },
  { name: '05-ssh-open-to-world', result: reverted, writes: ['RevokeSecurityGroupIngress'], after: 'before', notifications: 1 },
  {
    name: '06-failed-unauthorized',
    result: { status: 'judged', verdict: 'not-applied', action: 'none' },
    writes: [],
    after: 'before',
    notifications: 0,
  },
  { name: '07-self-reference-removed', result: reverted, writes: ['AuthorizeSecurityGroupIngress'], after: 'before', notifications: 1 },
  {
    name: '08-terraform-exempt',
    result: { status: 'judged', verdict: 'violation', action: 'notify' },
    writes: [],
    after: 'changed',
    notifications: 1,
  },
];

/** The group, ENI or NACL a CloudTrail record's request names. */
function resourceOf(event: Record<string, unknown>): string {
  const request = (event.detail as { requestParameters: Record<string, string> }).requestParameters;
  return request.groupId ?? request.networkInterfaceId ?? request.networkAclId ?? '';
}

describe('evaluator handler on an EC2 emulator (moto), each example incident', () => {
  it.each(INCIDENTS)('$name: $result.action, account $after', async (incident) => {
    // Prepare: the account as built, then the user's call, made through the EC2 API
    const before = await world.readAccount();
    const { event, changed } = await world.happen(incident.name);
    const resource = resourceOf(event);

    // Act
    const result = await world.evaluate(event);

    // Assess: the verdict, the writes the guardian sent, the account read back, the SNS delivery
    expect(result).toEqual({ results: [incident.result] });
    const writes = world.writes();
    expect(writes.map((w) => w.action)).toEqual(incident.writes);
    for (const w of writes)
      expect(w.params.GroupId ?? w.params.NetworkInterfaceId ?? w.params.NetworkAclId).toBe(resource);
    if (incident.name !== '06-failed-unauthorized') expect(changed).not.toEqual(before);
    expect(await world.readAccount()).toEqual(incident.after === 'before' ? before : changed);
    expect(world.notifications).toHaveLength(incident.notifications);
    for (const n of world.notifications) {
      expect(n.TopicArn).toBe(world.topicArn);
      expect(n.Message).toContain(resource);
    }
  });
});
