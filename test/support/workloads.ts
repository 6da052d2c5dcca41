import type {
  Instance,
  LaunchTemplate,
  LaunchTemplateVersion,
  NetworkInterface,
  PrefixList,
} from '../../lambdas/core/model/types';

/** An instance with its ENIs attached in order (device 0, 1, ...). */
export function instance(
  instanceId: string,
  enis: readonly NetworkInterface[],
  options: { tags?: Record<string, string>; state?: string; launchTemplate?: Instance['launchTemplate'] } = {},
): Instance {
  return {
    instanceId,
    state: options.state ?? 'running',
    tags: options.tags ?? {},
    vpcId: enis[0]?.vpcId ?? 'vpc-1',
    ...(enis[0] && { subnetId: enis[0].subnetId }),
    ...(options.launchTemplate && { launchTemplate: options.launchTemplate }),
    networkInterfaces: enis.map((e, i) => ({ eniId: e.eniId, deviceIndex: e.deviceIndex ?? i })),
  };
}

export function prefixList(prefixListId: string, cidrs?: readonly string[]): PrefixList {
  return { prefixListId, name: `${prefixListId}-name`, addressFamily: 'IPv4', ...(cidrs && { cidrs }) };
}

export function launchTemplate(launchTemplateId: string, defaultVersionNumber: number, latest?: number): LaunchTemplate {
  return {
    launchTemplateId,
    launchTemplateName: `${launchTemplateId}-name`,
    defaultVersionNumber,
    latestVersionNumber: latest ?? defaultVersionNumber,
    tags: {},
  };
}

/** A version whose instances get one ENI per group list (device 0, 1, ...). */
export function templateVersion(
  launchTemplateId: string,
  versionNumber: number,
  interfaces: readonly (readonly string[])[],
  options: { isDefault?: boolean; instanceTags?: Record<string, string> } = {},
): LaunchTemplateVersion {
  return {
    launchTemplateId,
    launchTemplateName: `${launchTemplateId}-name`,
    versionNumber,
    isDefault: options.isDefault ?? false,
    groupIds: [],
    networkInterfaces: interfaces.map((groupIds, deviceIndex) => ({ deviceIndex, groupIds })),
    instanceTags: options.instanceTags ?? {},
  };
}
