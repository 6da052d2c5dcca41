import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../lambdas/core/events/parse';
import { changeOf, dig, editedFixture, loadFixture } from './fixtures';

describe('CreateSecurityGroup', () => {
  it("reads the new group with its tags and AWS's default egress rule (all traffic to 0.0.0.0/0)", () => {
    // Act
    const change = changeOf(loadFixture('create-security-group.json'));

    // Assess
    expect(change).toEqual({
      kind: 'sg-created',
      group: {
        groupId: 'sg-0backend456',
        groupName: 'backend-v2',
        vpcId: 'vpc-0demo1a2b3c4d5e6',
        description: 'backend tier (v2)',
        tags: { Role: 'backend', Name: 'backend-v2' },
        rules: [
          {
            groupId: 'sg-0backend456',
            direction: 'egress',
            protocol: '-1',
            fromPort: -1,
            toPort: -1,
            peer: { kind: 'cidr', cidr: '0.0.0.0/0' },
          },
        ],
      },
    });
  });

  it('is invalid when the response has no group id', () => {
    // Prepare
    const doc = editedFixture('create-security-group.json', (r) => {
      delete dig(r, 'responseElements').groupId;
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({ status: 'invalid', path: '$.responseElements.groupId', reason: 'missing' });
  });

  it('ignores tags given to other resource types', () => {
    // Prepare
    const doc = editedFixture('create-security-group.json', (r) => {
      dig(r, 'requestParameters', 'tagSpecificationSet', 'items', 0).resourceType = 'security-group-rule';
    });

    // Act
    const change = changeOf(doc);

    // Assess
    expect(change).toMatchObject({ kind: 'sg-created', group: { tags: {} } });
  });
});

describe('DeleteSecurityGroup', () => {
  it('reads the deleted group id', () => {
    // Act
    const change = changeOf(loadFixture('delete-security-group.eventbridge.json'));

    // Assess
    expect(change).toEqual({ kind: 'sg-deleted', groupId: 'sg-0legacy789' });
  });

  it('takes the id from the response when the call names the group by name', () => {
    // Prepare
    const doc = editedFixture('delete-security-group.eventbridge.json', (r) => {
      r.requestParameters = { groupName: 'backend-legacy' };
    });

    // Act
    const change = changeOf(doc);

    // Assess
    expect(change).toEqual({ kind: 'sg-deleted', groupId: 'sg-0legacy789' });
  });

  it('is invalid when a delete by name does not say which group went', () => {
    // Prepare
    const doc = editedFixture('delete-security-group.eventbridge.json', (r) => {
      r.requestParameters = { groupName: 'backend-legacy' };
      r.responseElements = { _return: true };
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'invalid',
      path: '$.detail.requestParameters.groupId',
      reason: 'missing: the call names group "backend-legacy" only, so which group was deleted is unknown',
    });
  });
});
