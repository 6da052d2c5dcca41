import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../lambdas/core/events/parse';
import { changeOf, dig, editedFixture, loadFixture } from './fixtures';

const CREATE = 'create-launch-template.json';
const VERSION = 'create-launch-template-version.eventbridge.json';
const MODIFY = 'modify-launch-template.json';
const VERSION_DATA = '$.detail.requestParameters.CreateLaunchTemplateVersionRequest.LaunchTemplateData';

type Json = Record<string, unknown>;

/** The LaunchTemplateData of the CreateLaunchTemplateVersion fixture, edited. */
function versionWith(edit: (data: Json, body: Json) => void): unknown {
  return editedFixture(VERSION, (r) => {
    const body = dig(r, 'requestParameters', 'CreateLaunchTemplateVersionRequest');
    edit(dig(body, 'LaunchTemplateData'), body);
  });
}

describe('CreateLaunchTemplate', () => {
  it('reads version 1 as the default, with its groups and instance tags (tag-numbered arrays)', () => {
    // Act
    const change = changeOf(loadFixture(CREATE));

    // Assess
    expect(change).toEqual({
      kind: 'launch-template-version-created',
      templateCreated: true,
      version: {
        launchTemplateId: 'lt-0backend0001',
        launchTemplateName: 'backend-20240603',
        versionNumber: 1,
        isDefault: true,
        groupIds: ['sg-0backend123'],
        networkInterfaces: [],
        instanceTags: { Name: 'backend', Role: 'backend' },
      },
    });
  });

  it('is invalid when the response has no template id', () => {
    // Prepare
    const doc = editedFixture(CREATE, (r) => {
      delete dig(r, 'responseElements', 'CreateLaunchTemplateResponse', 'launchTemplate').launchTemplateId;
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'invalid',
      path: '$.responseElements.CreateLaunchTemplateResponse.launchTemplate.launchTemplateId',
      reason: 'missing',
    });
  });
});

describe('CreateLaunchTemplateVersion', () => {
  it('reads every network interface by device index, including a secondary ENI with its own group', () => {
    // Act
    const change = changeOf(loadFixture(VERSION));

    // Assess
    expect(change).toEqual({
      kind: 'launch-template-version-created',
      templateCreated: false,
      version: {
        launchTemplateId: 'lt-0web00000001',
        launchTemplateName: 'web',
        versionNumber: 7,
        isDefault: false,
        groupIds: [],
        networkInterfaces: [
          { deviceIndex: 0, groupIds: ['sg-0nginx456'] },
          { deviceIndex: 1, groupIds: ['sg-0legacy789'], subnetId: 'subnet-0app1' },
        ],
        instanceTags: { Role: 'nginx', Name: 'web-green' },
      },
    });
  });

  it('reads single objects where CloudTrail writes one entry, and plain string ids', () => {
    // Prepare
    const doc = versionWith((data) => {
      data.NetworkInterface = { tag: 1, DeviceIndex: '0', SecurityGroupId: ['sg-0nginx456', 'sg-0default00'] };
      data.TagSpecification = { tag: 1, ResourceType: 'instance', Tag: { tag: 1, Key: 'Role', Value: 'nginx' } };
    });

    // Act
    const change = changeOf(doc);

    // Assess
    expect(change).toMatchObject({
      version: {
        networkInterfaces: [{ deviceIndex: 0, groupIds: ['sg-0nginx456', 'sg-0default00'] }],
        instanceTags: { Role: 'nginx' },
      },
    });
  });

  it('keeps groups named by SecurityGroup (default VPC) apart from group ids', () => {
    // Prepare
    const doc = versionWith((data) => {
      delete data.NetworkInterface;
      data.SecurityGroup = { tag: 1, content: 'web' };
    });

    // Act
    const change = changeOf(doc);

    // Assess
    expect(change).toMatchObject({ version: { groupIds: [], groupNames: ['web'], networkInterfaces: [] } });
  });

  it('reads a version made from a SourceVersion when it sets the network settings and tags itself', () => {
    // Prepare
    const doc = versionWith((_, body) => {
      body.SourceVersion = '6';
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({ status: 'parsed', change: { version: { versionNumber: 7 } } });
  });

  it.each<[string, (data: Json, body: Json) => void, string, string]>([
    [
      'a SourceVersion supplying the network settings',
      (data, body) => {
        body.SourceVersion = '6';
        delete data.NetworkInterface;
      },
      '$.detail.requestParameters.CreateLaunchTemplateVersionRequest.SourceVersion',
      'the version inherits its network interfaces and security groups from version "6", which the record does not show',
    ],
    [
      'a SourceVersion supplying the tags',
      (data, body) => {
        body.SourceVersion = 6;
        delete data.TagSpecification;
      },
      '$.detail.requestParameters.CreateLaunchTemplateVersionRequest.SourceVersion',
      'the version inherits its tag specifications from version 6, which the record does not show',
    ],
    [
      'an interface without DeviceIndex',
      (data) => {
        delete dig(data, 'NetworkInterface', 1).DeviceIndex;
      },
      `${VERSION_DATA}.NetworkInterface[1].DeviceIndex`,
      'missing',
    ],
    [
      'a group entry without content',
      (data) => {
        dig(data, 'NetworkInterface', 1).SecurityGroupId = { tag: 1 };
      },
      `${VERSION_DATA}.NetworkInterface[1].SecurityGroupId.content`,
      'missing',
    ],
    [
      'a tag without Key',
      (data) => {
        delete dig(data, 'TagSpecification', 'Tag', 0).Key;
      },
      `${VERSION_DATA}.TagSpecification.Tag[0].Key`,
      'missing',
    ],
    [
      'template data redacted by CloudTrail',
      (_, body) => {
        body.LaunchTemplateData = 'HIDDEN_DUE_TO_SECURITY_REASONS';
      },
      VERSION_DATA,
      'redacted by CloudTrail ("HIDDEN_DUE_TO_SECURITY_REASONS"): the template\'s network settings are unknown',
    ],
  ])('is invalid with the path for %s', (_, edit, path, reason) => {
    // Prepare
    const doc = versionWith(edit);

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({ status: 'invalid', path, reason, meta: { eventName: 'CreateLaunchTemplateVersion' } });
  });

  it('is invalid without the version number the response gives', () => {
    // Prepare
    const doc = editedFixture(VERSION, (r) => {
      delete dig(r, 'responseElements', 'CreateLaunchTemplateVersionResponse', 'launchTemplateVersion').versionNumber;
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'invalid',
      path: '$.detail.responseElements.CreateLaunchTemplateVersionResponse.launchTemplateVersion.versionNumber',
      reason: 'missing',
    });
  });
});

describe('ModifyLaunchTemplate', () => {
  it('reads the new default version', () => {
    // Act
    const change = changeOf(loadFixture(MODIFY));

    // Assess
    expect(change).toEqual({
      kind: 'launch-template-default-set',
      launchTemplateId: 'lt-0web00000001',
      defaultVersion: 7,
    });
  });

  it('takes the template id from the response when the call names the template by name', () => {
    // Prepare
    const doc = editedFixture(MODIFY, (r) => {
      dig(r, 'requestParameters').ModifyLaunchTemplateRequest = { LaunchTemplateName: 'web', SetDefaultVersion: '7' };
    });

    // Act
    const change = changeOf(doc);

    // Assess
    expect(change).toEqual({ kind: 'launch-template-default-set', launchTemplateId: 'lt-0web00000001', defaultVersion: 7 });
  });

  it('ignores a call that sets no default version', () => {
    // Prepare
    const doc = editedFixture(MODIFY, (r) => {
      dig(r, 'requestParameters').ModifyLaunchTemplateRequest = { LaunchTemplateId: 'lt-0web00000001' };
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'ignored',
      reason: 'ModifyLaunchTemplate on lt-0web00000001 sets no default version',
    });
  });

  it('is invalid when neither the request nor the response names the template id', () => {
    // Prepare
    const doc = editedFixture(MODIFY, (r) => {
      dig(r, 'requestParameters').ModifyLaunchTemplateRequest = { LaunchTemplateName: 'web', SetDefaultVersion: '7' };
      r.responseElements = null;
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'invalid',
      path: '$.requestParameters.ModifyLaunchTemplateRequest.LaunchTemplateId',
      reason: 'missing: the call names the template by name and the response has no id',
    });
  });

  it('is invalid when the default version is not a number and the response does not say it', () => {
    // Prepare
    const doc = editedFixture(MODIFY, (r) => {
      dig(r, 'requestParameters', 'ModifyLaunchTemplateRequest').SetDefaultVersion = '$Latest';
      delete dig(r, 'responseElements', 'ModifyLaunchTemplateResponse', 'launchTemplate').defaultVersionNumber;
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'invalid',
      path: '$.requestParameters.ModifyLaunchTemplateRequest.SetDefaultVersion',
      reason: 'expected an integer, got "$Latest"',
    });
  });

  it('is invalid when the request is not wrapped in ModifyLaunchTemplateRequest', () => {
    // Prepare
    const doc = editedFixture(MODIFY, (r) => {
      r.requestParameters = { LaunchTemplateId: 'lt-0web00000001', SetDefaultVersion: '7' };
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'invalid',
      path: '$.requestParameters.ModifyLaunchTemplateRequest',
      reason: 'missing',
    });
  });
});
