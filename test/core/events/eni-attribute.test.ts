import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../lambdas/core/events/parse';
import { changeOf, editedFixture, loadFixture } from './fixtures';

describe('ModifyNetworkInterfaceAttribute', () => {
  it('reads a new groupSet as the full list of groups on the ENI', () => {
    // Act
    const change = changeOf(loadFixture('eni-groups-set.eventbridge.json'));

    // Assess
    expect(change).toEqual({
      kind: 'eni-groups-set',
      eniId: 'eni-0backend0001',
      groupIds: ['sg-0backend123', 'sg-0monitor321'],
    });
  });

  it('ignores other attributes, naming the ENI and the attribute', () => {
    // Act
    const [event] = parseDocument(loadFixture('eni-source-dest-check.json'));

    // Assess
    expect(event).toMatchObject({
      status: 'ignored',
      meta: { eventName: 'ModifyNetworkInterfaceAttribute' },
      reason:
        'ModifyNetworkInterfaceAttribute on eni-0nat00000002 changes sourceDestCheck, not its security groups',
    });
  });

  it('is invalid when groupSet is empty', () => {
    // Prepare
    const doc = editedFixture('eni-groups-set.eventbridge.json', (r) => {
      r.requestParameters = { networkInterfaceId: 'eni-0backend0001', groupSet: {} };
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

  it('is invalid when a group entry has no groupId', () => {
    // Prepare
    const doc = editedFixture('eni-groups-set.eventbridge.json', (r) => {
      r.requestParameters = {
        networkInterfaceId: 'eni-0backend0001',
        groupSet: { items: [{ groupId: 'sg-1' }, {}] },
      };
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'invalid',
      path: '$.detail.requestParameters.groupSet.items[1].groupId',
    });
  });
});
