import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../lambdas/core/events/parse';
import { SUPPORTED_EVENT_NAMES } from '../../../lambdas/core/events/parser-table';
import { FIXTURE_NAMES, loadFixture } from './fixtures';

describe('SUPPORTED_EVENT_NAMES', () => {
  it('lists exactly the SG, ENI, NACL, instance, launch template, prefix list and tag calls sg-guardian parses', () => {
    // Act
    const names = [...SUPPORTED_EVENT_NAMES].sort();

    // Assess
    expect(names).toEqual([
      'AttachNetworkInterface',
      'AuthorizeSecurityGroupEgress',
      'AuthorizeSecurityGroupIngress',
      'CreateLaunchTemplate',
      'CreateLaunchTemplateVersion',
      'CreateNetworkAclEntry',
      'CreateNetworkInterface',
      'CreateSecurityGroup',
      'CreateTags',
      'DeleteNetworkAclEntry',
      'DeleteSecurityGroup',
      'DeleteTags',
      'DetachNetworkInterface',
      'ModifyInstanceAttribute',
      'ModifyLaunchTemplate',
      'ModifyManagedPrefixList',
      'ModifyNetworkInterfaceAttribute',
      'ModifySecurityGroupRules',
      'ReplaceNetworkAclAssociation',
      'ReplaceNetworkAclEntry',
      'RevokeSecurityGroupEgress',
      'RevokeSecurityGroupIngress',
      'RunInstances',
    ]);
  });

  it('has at least one fixture that parses for every supported event name', () => {
    // Prepare
    const parsed = FIXTURE_NAMES.flatMap((name) => parseDocument(loadFixture(name)));

    // Act
    const covered = new Set(parsed.flatMap((e) => (e.status === 'parsed' ? [e.meta.eventName] : [])));

    // Assess
    expect([...covered].sort()).toEqual([...SUPPORTED_EVENT_NAMES].sort());
  });

  it('parses every fixture without an invalid result', () => {
    // Act
    const invalid = FIXTURE_NAMES.flatMap((name) =>
      parseDocument(loadFixture(name)).flatMap((e) =>
        e.status === 'invalid' ? [`${name}: ${e.path} ${e.reason}`] : [],
      ),
    );

    // Assess
    expect(invalid).toEqual([]);
  });
});
