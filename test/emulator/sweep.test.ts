import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertMotoUp } from './support/moto';
import { type EmulatorWorld, startEmulatorWorld } from './support/world';

let world: EmulatorWorld;

beforeAll(assertMotoUp);
beforeEach(async () => {
  world = await startEmulatorWorld(); // the first sweep has cached the account as built
});
afterEach(async () => {
  await world.stop();
});

describe('sweep handler on an EC2 emulator (moto)', () => {
  it('notices a change whose event never came, notifies, and leaves the account as it is', async () => {
    // Prepare: 8080 opened to the world; its CloudTrail event is lost
    const { changed } = await world.happen('02-open-8080-to-world');

    // Act
    const result = await world.sweep();

    // Assess: one drift, one violation, notified but never reverted (its author is unknown)
    expect(result).toMatchObject({ drifted: 1, violations: 1, failed: 0 });
    expect(world.writes()).toEqual([]);
    expect(world.notifications).toHaveLength(1);
    expect(world.notifications[0]?.Message).toContain(world.ids.real('sg-0backend123'));
    expect(await world.readAccount()).toEqual(changed);
  });

  it('finds nothing to report when nothing changed since the last sweep', async () => {
    // Act
    const result = await world.sweep();

    // Assess
    expect(result).toMatchObject({ drifted: 0, violations: 0, failed: 0 });
    expect(world.writes()).toEqual([]);
    expect(world.notifications).toHaveLength(0);
  });
});
