import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../lambdas/core/events/parse';
import { changeOf, editedFixture, loadFixture } from './fixtures';

const FIXTURE = 'modify-instance-attribute-groups.eventbridge.json';

describe('ModifyInstanceAttribute', () => {
  it('reads groupSet as the full list of groups on the primary ENI', () => {
    // Act
    const change = changeOf(loadFixture(FIXTURE));

    // Assess
    expect(change).toEqual({
      kind: 'instance-groups-set',
      instanceId: 'i-0backend1',
      groupIds: ['sg-0backend123', 'sg-0legacy789'],
    });
  });

  it('ignores any other attribute, naming it and the instance', () => {
    // Prepare
    const doc = editedFixture(FIXTURE, (r) => {
      r.requestParameters = { instanceId: 'i-0backend1', instanceType: { value: 't3.large' } };
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'ignored',
      meta: { eventName: 'ModifyInstanceAttribute' },
      reason: 'ModifyInstanceAttribute of instanceType on i-0backend1: not a security group change',
    });
  });

  it('is invalid when groupSet is empty', () => {
    // Prepare
    const doc = editedFixture(FIXTURE, (r) => {
      r.requestParameters = { instanceId: 'i-0backend1', groupSet: {} };
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'invalid',
      path: '$.detail.requestParameters.groupSet',
      reason: 'groupSet names no security group',
    });
  });

  it('is invalid without an instance id', () => {
    // Prepare
    const doc = editedFixture(FIXTURE, (r) => {
      r.requestParameters = { groupSet: { items: [{ groupId: 'sg-0backend123' }] } };
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({ status: 'invalid', path: '$.detail.requestParameters.instanceId', reason: 'missing' });
  });
});
