import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../lambdas/core/events/parse';
import { editedFixture } from './fixtures';

/** One fixture per instance, ENI, launch template, prefix list, group lifecycle and tag call. */
const FIXTURES = [
  ['RunInstances', 'run-instances-two-enis.json'],
  ['RunInstances', 'run-instances-launch-template.eventbridge.json'],
  ['CreateNetworkInterface', 'create-eni.json'],
  ['CreateNetworkInterface', 'create-eni-requester-managed.eventbridge.json'],
  ['AttachNetworkInterface', 'attach-eni.json'],
  ['DetachNetworkInterface', 'detach-eni.json'],
  ['ModifyInstanceAttribute', 'modify-instance-attribute-groups.eventbridge.json'],
  ['CreateLaunchTemplate', 'create-launch-template.json'],
  ['CreateLaunchTemplateVersion', 'create-launch-template-version.eventbridge.json'],
  ['ModifyLaunchTemplate', 'modify-launch-template.json'],
  ['ModifyManagedPrefixList', 'modify-managed-prefix-list.json'],
  ['CreateSecurityGroup', 'create-security-group.json'],
  ['DeleteSecurityGroup', 'delete-security-group.eventbridge.json'],
  ['CreateTags', 'create-tags.json'],
  ['DeleteTags', 'delete-tags.eventbridge.json'],
] as const;

describe('a failed call of the new events', () => {
  it.each(FIXTURES)('%s (%s) with an errorCode is not-applied, whatever its parameters', (eventName, fixture) => {
    // Prepare
    const doc = editedFixture(fixture, (r) => {
      r.errorCode = 'Client.UnauthorizedOperation';
      r.errorMessage = 'You are not authorized to perform this operation.';
      r.requestParameters = { garbage: true };
      r.responseElements = null;
    });

    // Act
    const events = parseDocument(doc);

    // Assess
    expect(events).toEqual([
      expect.objectContaining({
        status: 'not-applied',
        meta: expect.objectContaining({ eventName }),
        errorCode: 'Client.UnauthorizedOperation',
        errorMessage: 'You are not authorized to perform this operation.',
      }),
    ]);
  });
});
