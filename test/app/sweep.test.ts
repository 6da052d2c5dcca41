import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry, GuardrailReport, Reverter } from '../../lambdas/app/ports';
import { sweep, type SweepDeps } from '../../lambdas/app/sweep';
import { createModel } from '../../lambdas/core/model/indexed-model';
import { eni } from '../core/support/builders';
import { LAUNCH, phantomWorld } from './support/workload-account';

let world: ReturnType<typeof phantomWorld>;
afterEach(() => world.stop());

/** The sweep's pipeline with recording notifier, audit and a reverter that must never run. */
function sweepDeps(mode: 'enforce' | 'dry-run' = 'enforce') {
  const reports: GuardrailReport[] = [];
  const audits: AuditEntry[] = [];
  const reverts: unknown[] = [];
  const reverter: Reverter = {
    apply: async (plan) => {
      reverts.push(plan);
      return { status: 'reverted', steps: [] };
    },
  };
  const deps: SweepDeps = {
    config: world.config,
    reader: world.reader,
    cache: world.cache,
    reverter,
    notifiers: [{ name: 'test', notify: async (r) => void reports.push(r) }],
    clock: { now: () => new Date('2026-12-02T09:00:00Z') },
    mode,
    audit: { record: async (e) => void audits.push(e), forGroup: async () => [] },
    metrics: { count: () => undefined },
  };
  return { deps, reports, audits, reverts };
}

describe('sweep and workloads', () => {
  it('notifies a launch whose event was lost when its secondary ENI misses the dependency, and reverts nothing', async () => {
    // Prepare: the last sweep saw the account before the launch
    world = phantomWorld();
    const { deps, reports, reverts } = sweepDeps();
    await sweep(deps);
    world.land(LAUNCH);

    // Act
    const result = await sweep(deps);

    // Assess
    expect(reports.map((r) => r.verdict.change?.kind)).toEqual(['instances-launched']);
    expect(reports[0]?.verdict.verdict).toBe('violation');
    expect(reports[0]?.verdict.action).toBe('notify');
    expect(result).toMatchObject({ drifted: 1, violations: 1 });
    expect(reverts).toEqual([]);
    expect(world.ec2.writes).toEqual([]);
    expect((await world.cache.load({ instanceIds: ['i-new'] })).instances).toHaveLength(1);
  });

  it('judges prefix-list drift and default-version drift, and saves the new state with its coverage', async () => {
    // Prepare
    world = phantomWorld();
    const { deps, reports } = sweepDeps();
    await sweep(deps);
    world.land({ kind: 'prefix-list-modified', prefixListId: 'pl-0office', added: ['0.0.0.0/1', '128.0.0.0/1'], removed: [] });
    world.land({ kind: 'launch-template-default-set', launchTemplateId: 'lt-0web', defaultVersion: 7 });

    // Act
    const result = await sweep(deps);

    // Assess
    expect(reports.map((r) => r.verdict.change?.kind)).toEqual(['prefix-list-modified', 'launch-template-default-set']);
    expect(result.drifted).toBe(2);
    const all = await world.cache.loadAll();
    expect(all.prefixLists?.find((p) => p.prefixListId === 'pl-0office')?.cidrs).toEqual(['198.51.100.0/24', '0.0.0.0/1', '128.0.0.0/1']);
    expect(all.launchTemplates?.[0]?.defaultVersionNumber).toBe(7);
    expect(all.coverage).toEqual({ prefixLists: true, instances: true, launchTemplates: true });
  });

  it('forgets a terminated instance and its ENIs without judging it', async () => {
    // Prepare
    world = phantomWorld();
    const { deps, audits } = sweepDeps();
    await sweep(deps);
    world.land({ kind: 'eni-created', eni: eni('eni-lone', { subnetId: 'subnet-a', ip: '10.0.1.40', groupIds: ['sg-0web'] }) });
    const now = world.ec2.model;
    world.ec2.model = createModel({
      coverage: now.coverage,
      groups: now.groups(),
      enis: [...now.enis()].filter((e) => e.instanceId !== 'i-old'),
      nacls: now.nacls(),
      prefixLists: now.prefixLists?.() ?? [],
      instances: [],
      launchTemplates: now.launchTemplates(),
      launchTemplateVersions: now.launchTemplateVersions('lt-0web'),
    });

    // Act
    const result = await sweep(deps);

    // Assess: the lone new ENI is judged; the removal is only counted
    expect(audits.map((a) => a.eventName)).toEqual(['Sweep:eni-created']);
    expect(result.removed).toMatchObject({ instances: 1, enis: 2 });
    expect((await world.cache.loadAll()).instances).toEqual([]);
  });
});
