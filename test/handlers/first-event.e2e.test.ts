import { PublishCommand } from '@aws-sdk/client-sns';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as ComposeSns from '../../lambdas/handlers/compose-sns';
import type { FakeEc2Call } from '../support/fake-ec2';
import { exampleEvent, startWorld } from './harness';

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World | undefined;

afterEach(async () => {
  vi.doUnmock('../../lambdas/handlers/compose-sns');
  await world?.stop();
  world = undefined;
});

/** Records, in order, when the SNS notifier's module is imported, when the notifier is built, and each EC2 call. */
function recordOrder(w: World, order: string[]) {
  vi.doMock('../../lambdas/handlers/compose-sns', async (importOriginal) => {
    order.push('sns module imported');
    const real = await importOriginal<typeof ComposeSns>();
    return {
      snsNotifier: (...args: Parameters<typeof real.snsNotifier>) => {
        order.push('sns notifier built');
        return real.snsNotifier(...args);
      },
    };
  });
  const push = w.ec2.calls.push.bind(w.ec2.calls);
  w.ec2.calls.push = (...items: FakeEc2Call[]) => {
    order.push(...items.map((item) => item.api));
    return push(...items);
  };
}

describe("evaluator, a container's first event", () => {
  it('starts loading the SNS notifier while its first calls are in flight, before the revert', async () => {
    // Prepare: the last-known state as a sweep leaves it, then a fresh sandbox
    world = await startWorld();
    await world.sweep();
    const order: string[] = [];
    recordOrder(world, order);
    const cold = await world.coldStart();
    const event = exampleEvent('02-open-8080-to-world');
    world.land(event);

    // Act
    const result = await cold.evaluate(event);

    // Assess
    expect(result).toEqual({
      results: [{ status: 'judged', verdict: 'violation', action: 'revert', revert: 'reverted' }],
    });
    // The import starts once the claim and the state reads are on the wire, before the judging and the
    // revert (the revert does not wait for it: under the test runner the import may finish after it).
    expect(order.filter((o) => o.startsWith('sns'))).toEqual(['sns module imported', 'sns notifier built']);
    expect(order.indexOf('sns module imported')).toBeLessThan(order.indexOf('RevokeSecurityGroupIngress'));
    expect(world.sns.commandCalls(PublishCommand)).toHaveLength(1);
  }, 90_000);
});
