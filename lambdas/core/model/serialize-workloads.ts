import { LAUNCH_TEMPLATE_ID_TAG, LAUNCH_TEMPLATE_VERSION_TAG } from './build-workloads';
import { SNAPSHOT_FILES } from './documents';
import { tagList } from './serialize-network';
import type { Instance, LaunchTemplate, LaunchTemplateVersion, NetworkModel } from './types';

/**
 * describe-instances.json (when the model covers instances) and the two launch template files (when it
 * covers them), in the AWS CLI's shapes. Instances go one per reservation: the model does not keep
 * which were launched together.
 */
export function serializeWorkloads(model: NetworkModel): Record<string, unknown> {
  const files: Record<string, unknown> = {};
  if (model.coverage.instances)
    files[SNAPSHOT_FILES.instances] = {
      Reservations: [...model.instances()].map((i) => ({ Instances: [instanceDocument(model, i)] })),
    };
  if (model.coverage.launchTemplates) {
    const templates = [...model.launchTemplates()];
    files[SNAPSHOT_FILES.launchTemplates] = { LaunchTemplates: templates.map(templateDocument) };
    files[SNAPSHOT_FILES.launchTemplateVersions] = {
      LaunchTemplateVersions: templates.flatMap((t) =>
        model.launchTemplateVersions(t.launchTemplateId).map(versionDocument),
      ),
    };
  }
  return files;
}

function instanceDocument(model: NetworkModel, instance: Instance): Record<string, unknown> {
  const lt = instance.launchTemplate;
  const tags = {
    ...(lt ? { [LAUNCH_TEMPLATE_ID_TAG]: lt.launchTemplateId } : {}),
    ...(lt?.version === undefined ? {} : { [LAUNCH_TEMPLATE_VERSION_TAG]: lt.version }),
    ...instance.tags,
  };
  return {
    InstanceId: instance.instanceId,
    State: { Name: instance.state },
    ...(instance.subnetId === undefined ? {} : { SubnetId: instance.subnetId }),
    ...(instance.vpcId === undefined ? {} : { VpcId: instance.vpcId }),
    NetworkInterfaces: instance.networkInterfaces.map(({ eniId, deviceIndex }) => {
      const eni = model.eni(eniId);
      return {
        Attachment: {
          ...(eni?.attachmentId === undefined ? {} : { AttachmentId: eni.attachmentId }),
          DeviceIndex: deviceIndex,
        },
        ...(eni
          ? {
              Groups: eni.groupIds.map((id) => {
                const name = model.group(id)?.groupName;
                return name === undefined ? { GroupId: id } : { GroupName: name, GroupId: id };
              }),
            }
          : {}),
        NetworkInterfaceId: eniId,
        ...(eni ? { SubnetId: eni.subnetId, VpcId: eni.vpcId } : {}),
      };
    }),
    Tags: tagList(tags),
  };
}

function templateDocument(template: LaunchTemplate): Record<string, unknown> {
  const tags = tagList(template.tags);
  return {
    LaunchTemplateId: template.launchTemplateId,
    ...(template.launchTemplateName === undefined ? {} : { LaunchTemplateName: template.launchTemplateName }),
    DefaultVersionNumber: template.defaultVersionNumber,
    ...(template.latestVersionNumber === undefined ? {} : { LatestVersionNumber: template.latestVersionNumber }),
    ...(tags.length ? { Tags: tags } : {}),
  };
}

function versionDocument(version: LaunchTemplateVersion): Record<string, unknown> {
  const instanceTags = tagList(version.instanceTags);
  const data = {
    ...(version.networkInterfaces.length
      ? {
          NetworkInterfaces: version.networkInterfaces.map((n) => ({
            DeviceIndex: n.deviceIndex,
            Groups: [...n.groupIds],
            ...(n.networkCardIndex === undefined ? {} : { NetworkCardIndex: n.networkCardIndex }),
            ...(n.subnetId === undefined ? {} : { SubnetId: n.subnetId }),
          })),
        }
      : {}),
    ...(version.groupIds.length ? { SecurityGroupIds: [...version.groupIds] } : {}),
    ...(version.groupNames?.length ? { SecurityGroups: [...version.groupNames] } : {}),
    ...(instanceTags.length ? { TagSpecifications: [{ ResourceType: 'instance', Tags: instanceTags }] } : {}),
  };
  return {
    LaunchTemplateId: version.launchTemplateId,
    ...(version.launchTemplateName === undefined ? {} : { LaunchTemplateName: version.launchTemplateName }),
    VersionNumber: version.versionNumber,
    DefaultVersion: version.isDefault,
    LaunchTemplateData: data,
  };
}
