import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addedRules, cloudTrailRule, rulesOf } from './support/changes';
import { ownRecord } from './support/cloudtrail';
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

describe('evaluator handler on an EC2 emulator (moto), delivered more than once', () => {
  it.each([
    ['05-ssh-open-to-world', 'RevokeSecurityGroupIngress'],
    ['03-stale-sg-on-secondary-eni', 'ModifyNetworkInterfaceAttribute'],
  ])('%s three times: one revert, one notification', async (name, revert) => {
    // Prepare
    const before = await world.readAccount();
    const { event } = await world.happen(name);

    // Act: a CloudTrail duplicate and EventBridge retries carry the same CloudTrail eventID
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await world.evaluate({ ...event, id: `delivery-${i}` }));

    // Assess
    expect(results.map((r) => r.results[0]?.revert)).toEqual(['reverted', 'reverted', 'reverted']);
    expect(world.writes().map((w) => w.action)).toEqual([revert]);
    expect(world.notifications).toHaveLength(1);
    expect(await world.readAccount()).toEqual(before);
  });
});

describe('evaluator handler on an EC2 emulator (moto), its own revert coming back', () => {
  it.each([
    ['01-revoke-8080-from-nginx', 'AuthorizeSecurityGroupIngress'],
    ['02-open-8080-to-world', 'RevokeSecurityGroupIngress'],
    ['03-stale-sg-on-secondary-eni', 'ModifyNetworkInterfaceAttribute'],
  ])('%s: the event of its %s is a confirmation, judged and reverted never', async (name, revertApi) => {
    // Prepare: the incident is reverted; then the CloudTrail event of that revert, made by the guardian's role
    const before = await world.readAccount();
    const { event } = await world.happen(name);
    const groupId = world.ids.real('sg-0backend123');
    const rulesBefore = await rulesOf(world.ec2, groupId);
    await world.evaluate(event);
    const [revert] = world.writes();
    expect(revert?.action).toBe(revertApi);
    const response =
      revert?.action === 'AuthorizeSecurityGroupIngress'
        ? { securityGroupRuleSet: { items: (await addedRules(world.ec2, revert.params.GroupId!, rulesBefore)).map(cloudTrailRule) } }
        : {};
    const own = ownRecord(event, revert!, response);

    // Act
    const result = await world.evaluate(own);

    // Assess: no second write, no second notification, the account stays restored
    expect(result).toEqual({ results: [{ status: 'confirmation' }] });
    expect(world.writes()).toHaveLength(1);
    expect(world.notifications).toHaveLength(1);
    expect(await world.readAccount()).toEqual(before);
  });
});
