import { describe, expect, it } from 'vitest';
import type { Change } from '../../../lambdas/core/events/types';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { diffStates } from '../../../lambdas/core/state/diff-states';
import { loadExamples } from '../../support/examples';

describe('diffStates', () => {
  it('finds nothing between a state and itself', async () => {
    // Prepare
    const { model } = await loadExamples();

    // Act / Assess
    expect(diffStates(model, model)).toEqual([]);
  });

  it('recovers each lost change of the incidents as the change its event would have carried', async () => {
    // Prepare
    const { model, events } = await loadExamples();
    const names = [
      '01-revoke-8080-from-nginx',
      '03-stale-sg-on-secondary-eni',
      '04-nacl-denies-return-traffic',
      '05-ssh-open-to-world',
    ];
    for (const name of names) {
      const event = events[name]!;
      if (event.status !== 'parsed') throw new Error(name);
      const live = applyChange(model, event.change).model;

      // Act
      const changes = diffStates(model, live);

      // Assess: applying the recovered changes to the known state gives the live state again
      expect(changes.map((c) => c.kind)).toEqual([event.change.kind]);
      const replayed = changes.reduce((m, c: Change) => applyChange(m, c).model, model);
      expect(diffStates(replayed, live)).toEqual([]);
    }
  });

  it('keeps the removed rule content and id so a lost revoke can still be undone with its description', async () => {
    // Prepare
    const { model, events } = await loadExamples();
    const event = events['07-self-reference-removed']!;
    if (event.status !== 'parsed') throw new Error('07');

    // Act
    const [change] = diffStates(model, applyChange(model, event.change).model);

    // Assess
    expect(change).toMatchObject({
      kind: 'sg-rules-removed',
      groupId: 'sg-0cache321',
      revoked: [
        expect.objectContaining({ ruleId: 'sgr-0cachei00', description: 'cluster peers', fromPort: 6379 }),
      ],
    });
  });

  it('reports a subnet moved to another NACL with its old and new association ids', async () => {
    // Prepare
    const { model } = await loadExamples();
    const change: Change = {
      kind: 'nacl-association-replaced',
      associationId: 'aclassoc-0app1',
      naclId: 'acl-0default0',
      newAssociationId: 'aclassoc-0new',
    };
    const live = applyChange(model, change).model;

    // Act / Assess
    expect(diffStates(model, live)).toEqual([change]);
  });
});
