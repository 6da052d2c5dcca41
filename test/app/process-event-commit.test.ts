import { describe, expect, it } from 'vitest';
import type { CachedIds, CachedState } from '../../lambdas/app/ports';
import { processEvent, type PipelineDeps } from '../../lambdas/app/process-event';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import type { Change, ParsedEvent } from '../../lambdas/core/events/types';
import { phantomAccount, POLICY } from './support/workload-account';

const ROLE = 'arn:aws:iam::123456789012:role/sg-guardian-evaluator';

/** Commits what one change (the guardian's own, so not judged) leaves, against the Phantom Block's account. */
async function committed(change: Change) {
  const commits: { state: CachedState; gone?: CachedIds }[] = [];
  const model = phantomAccount();
  const deps: PipelineDeps = {
    config: parseConfig(POLICY, 'guardian.yaml'),
    state: { modelFor: async () => model },
    reverter: { apply: async () => ({ status: 'skipped', steps: [] }) },
    notifiers: [],
    clock: { now: () => new Date('2026-12-02T09:00:00Z') },
    mode: 'enforce',
    audit: { record: async () => undefined, forGroup: async () => [] },
    metrics: { count: () => undefined },
    guardianRoleArn: ROLE,
    commit: async (state, gone) => void commits.push({ state, ...(gone && { gone }) }),
  };
  const event: ParsedEvent = {
    status: 'parsed',
    meta: { eventId: 'e-1', eventName: 'Test', actor: { via: 'sdk', sessionIssuerArn: ROLE } },
    change,
  };
  await processEvent(event, deps);
  expect(commits).toHaveLength(1);
  return commits[0]!;
}

describe('processEvent commits the resources a change modifies', () => {
  it('commits a prefix list with its new entries', async () => {
    // Act
    const { state } = await committed({ kind: 'prefix-list-modified', prefixListId: 'pl-0office', added: ['0.0.0.0/1'], removed: [] });

    // Assess
    expect(state.prefixLists).toEqual([expect.objectContaining({ prefixListId: 'pl-0office', cidrs: ['198.51.100.0/24', '0.0.0.0/1'] })]);
  });

  it('commits the template and both versions whose default flag moved', async () => {
    // Act
    const { state } = await committed({ kind: 'launch-template-default-set', launchTemplateId: 'lt-0web', defaultVersion: 7 });

    // Assess
    expect(state.launchTemplates?.map((t) => t.defaultVersionNumber)).toEqual([7]);
    expect(state.launchTemplateVersions?.map((v) => [v.versionNumber, v.isDefault])).toEqual([[6, false], [7, true]]);
  });

  it('commits a detached ENI, found by its attachment in the state before, and the instance without it', async () => {
    // Act
    const { state } = await committed({ kind: 'eni-detached', attachmentId: 'eni-attach-0old1' });

    // Assess
    expect(state.enis.map((e) => [e.eniId, e.instanceId])).toEqual([['eni-old1', undefined]]);
    expect(state.instances?.[0]?.networkInterfaces.map((n) => n.eniId)).toEqual(['eni-old0']);
  });

  it('forgets a deleted group instead of saving it', async () => {
    // Act
    const { state, gone } = await committed({ kind: 'sg-deleted', groupId: 'sg-0stale' });

    // Assess
    expect(state.groups).toEqual([]);
    expect(gone).toEqual({ groupIds: ['sg-0stale'] });
  });
});
