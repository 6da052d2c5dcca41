import { tagRecord } from './build-groups';
import { assertUnique } from './build-network';
import { parseDocument, SNAPSHOT_FILES, type SnapshotFile } from './documents';
import {
  type InstanceDoc,
  InstancesDocumentSchema,
  type LaunchTemplateDoc,
  LaunchTemplatesDocumentSchema,
  type LaunchTemplateVersionDoc,
  LaunchTemplateVersionsDocumentSchema,
} from './schemas';
import { SnapshotError } from './snapshot-error';
import {
  type Instance,
  type LaunchTemplate,
  type LaunchTemplateVersion,
  launchTemplateVersionKey,
  type TemplateInterface,
} from './types';

/** Tags EC2 puts on an instance launched from a launch template (they name the template and version). */
export const LAUNCH_TEMPLATE_ID_TAG = 'aws:ec2launchtemplate:id';
export const LAUNCH_TEMPLATE_VERSION_TAG = 'aws:ec2launchtemplate:version';

/** Instances of describe-instances.json, every reservation flattened; an instance id appears once. */
export function buildInstances(file: SnapshotFile): Instance[] {
  const reservations = parseDocument(file, InstancesDocumentSchema).Reservations;
  const seen = new Set<string>();
  const out: Instance[] = [];
  reservations.forEach((reservation, i) =>
    reservation.Instances.forEach((doc, j) => {
      if (seen.has(doc.InstanceId))
        throw new SnapshotError(
          `${file.file}: Reservations[${i}].Instances[${j}].InstanceId: duplicate ${doc.InstanceId}`,
        );
      seen.add(doc.InstanceId);
      out.push(toInstance(doc));
    }),
  );
  return out;
}

function toInstance(doc: InstanceDoc): Instance {
  const tags = tagRecord(doc.Tags);
  const templateId = tags[LAUNCH_TEMPLATE_ID_TAG];
  const version = tags[LAUNCH_TEMPLATE_VERSION_TAG];
  return {
    instanceId: doc.InstanceId,
    state: doc.State.Name,
    tags,
    ...(doc.VpcId === undefined ? {} : { vpcId: doc.VpcId }),
    ...(doc.SubnetId === undefined ? {} : { subnetId: doc.SubnetId }),
    ...(templateId === undefined
      ? {}
      : { launchTemplate: { launchTemplateId: templateId, ...(version === undefined ? {} : { version }) } }),
    // An interface without an attachment is not on the instance (describe-instances lists attached ones).
    networkInterfaces: doc.NetworkInterfaces.flatMap((n) =>
      n.Attachment ? [{ eniId: n.NetworkInterfaceId, deviceIndex: n.Attachment.DeviceIndex }] : [],
    ).sort((a, b) => a.deviceIndex - b.deviceIndex),
  };
}

export interface LaunchTemplateParts {
  readonly launchTemplates: LaunchTemplate[];
  readonly launchTemplateVersions: LaunchTemplateVersion[];
}

/**
 * Launch templates and their versions. The two files go together: a template without its versions
 * cannot be judged, and a version of a template the templates file does not list is an error, so
 * one file without the other is refused (naming the missing one). Both absent: undefined.
 */
export function buildLaunchTemplates(
  templatesFile: SnapshotFile | undefined,
  versionsFile: SnapshotFile | undefined,
): LaunchTemplateParts | undefined {
  if (!templatesFile && !versionsFile) return undefined;
  if (!templatesFile || !versionsFile) {
    const [present, missing] = templatesFile
      ? [templatesFile.file, SNAPSHOT_FILES.launchTemplateVersions]
      : [versionsFile!.file, SNAPSHOT_FILES.launchTemplates];
    throw new SnapshotError(`${present}: needs ${missing} too (the launch templates layer reads both)`);
  }
  const templates = parseDocument(templatesFile, LaunchTemplatesDocumentSchema).LaunchTemplates;
  assertUnique(
    templates.map((t) => t.LaunchTemplateId),
    `${templatesFile.file}: LaunchTemplates`,
    'LaunchTemplateId',
  );
  const versions = parseDocument(versionsFile, LaunchTemplateVersionsDocumentSchema).LaunchTemplateVersions;
  const known = new Set(templates.map((t) => t.LaunchTemplateId));
  const keys = new Set<string>();
  versions.forEach((v, i) => {
    const at = `${versionsFile.file}: LaunchTemplateVersions[${i}]`;
    if (!known.has(v.LaunchTemplateId))
      throw new SnapshotError(
        `${at}.LaunchTemplateId: template ${v.LaunchTemplateId} is not in ${SNAPSHOT_FILES.launchTemplates}`,
      );
    const key = launchTemplateVersionKey(v.LaunchTemplateId, v.VersionNumber);
    if (keys.has(key))
      throw new SnapshotError(`${at}.VersionNumber: duplicate version ${v.VersionNumber} of ${v.LaunchTemplateId}`);
    keys.add(key);
  });
  return { launchTemplates: templates.map(toTemplate), launchTemplateVersions: versions.map(toVersion) };
}

function toTemplate(doc: LaunchTemplateDoc): LaunchTemplate {
  return {
    launchTemplateId: doc.LaunchTemplateId,
    ...(doc.LaunchTemplateName === undefined ? {} : { launchTemplateName: doc.LaunchTemplateName }),
    defaultVersionNumber: doc.DefaultVersionNumber,
    ...(doc.LatestVersionNumber === undefined ? {} : { latestVersionNumber: doc.LatestVersionNumber }),
    tags: tagRecord(doc.Tags),
  };
}

function toVersion(doc: LaunchTemplateVersionDoc): LaunchTemplateVersion {
  const data = doc.LaunchTemplateData;
  const instanceTags = Object.assign(
    {},
    ...data.TagSpecifications.filter((s) => s.ResourceType === 'instance').map((s) => tagRecord(s.Tags)),
  ) as Record<string, string>;
  return {
    launchTemplateId: doc.LaunchTemplateId,
    ...(doc.LaunchTemplateName === undefined ? {} : { launchTemplateName: doc.LaunchTemplateName }),
    versionNumber: doc.VersionNumber,
    isDefault: doc.DefaultVersion,
    groupIds: data.SecurityGroupIds,
    ...(data.SecurityGroups.length > 0 ? { groupNames: data.SecurityGroups } : {}),
    // EC2 refuses to launch an interface without a device index; its place in the list stands in for it.
    networkInterfaces: data.NetworkInterfaces.map(
      (n, i): TemplateInterface => ({
        deviceIndex: n.DeviceIndex ?? i,
        groupIds: n.Groups,
        ...(n.SubnetId === undefined ? {} : { subnetId: n.SubnetId }),
        ...(n.NetworkCardIndex === undefined ? {} : { networkCardIndex: n.NetworkCardIndex }),
      }),
    ),
    instanceTags,
  };
}
