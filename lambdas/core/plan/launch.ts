import type { Change, LaunchedInstance } from '../events/types';
import {
  LIVE_INSTANCE_STATES,
  type LaunchTemplate,
  type LaunchTemplateVersion,
  type NetworkInterface,
  type NetworkModel,
  type TemplateInterface,
} from '../model/types';
import type { PlannedLaunch, TemplateRef } from './types';

/** The engine's changes for a planned launch, or why the model cannot say what it launches. */
export const NO_TEMPLATES =
  'the snapshot has no launch templates (describe-launch-templates.json, describe-launch-template-versions.json)';

export type ResolvedLaunch =
  | { readonly changes: readonly Change[]; readonly notes: readonly string[] }
  | { readonly missing: string };

/**
 * Resolves a planned launch against the model as the plan has left it so far (a template version
 * created earlier in the plan counts): one hypothetical instance per subnet (named
 * `ADDRESS@SUBNET`, or the address alone for a single one) whose interfaces carry the template's
 * groups, or the resource's own; existing interfaces attach after the launch.
 */
export function resolveLaunch(model: NetworkModel, op: PlannedLaunch): ResolvedLaunch {
  const source = op.template ? templateVersion(model, op.template) : undefined;
  if (source && 'missing' in source) return source;
  const version = source?.version;
  const interfaces = interfacesOf(version, op);
  const tags = { ...(version?.instanceTags ?? {}), ...op.tags };
  const subnets: (string | undefined)[] = op.subnetIds.length ? [...op.subnetIds] : [undefined];
  const instances: LaunchedInstance[] = [];
  for (const subnet of subnets) {
    const instanceId = subnets.length > 1 && subnet ? `${op.address}@${subnet}` : op.address;
    const enis: NetworkInterface[] = [];
    for (const iface of interfaces) {
      const subnetId = iface.subnetId ?? subnet;
      if (subnetId === undefined)
        return { missing: `the subnet of device ${iface.deviceIndex} is decided only at launch` };
      enis.push({
        eniId: `${instanceId}:eth${iface.deviceIndex}`,
        subnetId,
        vpcId: vpcOf(model, subnetId, iface.groupIds),
        privateIps: standInIp(model, subnetId, tags, iface.deviceIndex),
        ipv6Addresses: [],
        groupIds: iface.groupIds,
        instanceId,
        deviceIndex: iface.deviceIndex,
      });
    }
    const subnetId = subnet ?? enis[0]?.subnetId;
    instances.push({
      instanceId,
      tags,
      ...(subnetId === undefined ? {} : { subnetId, vpcId: vpcOf(model, subnetId, []) }),
      networkInterfaces: enis,
    });
  }
  const launch: Change = {
    kind: 'instances-launched',
    instances,
    ...(version
      ? {
          launchTemplate: {
            launchTemplateId: version.launchTemplateId,
            ...(version.launchTemplateName ? { launchTemplateName: version.launchTemplateName } : {}),
            version: String(version.versionNumber),
          },
        }
      : {}),
  };
  const attaches: Change[] = instances.flatMap((i) =>
    (op.attach ?? []).map((a) => ({
      kind: 'eni-attached' as const,
      eniId: a.eniId,
      instanceId: i.instanceId,
      deviceIndex: a.deviceIndex,
    })),
  );
  const from = version ? ` from ${version.launchTemplateId} v${version.versionNumber}` : '';
  const note = `${op.address} launches ${instances.length} instance(s)${from}`;
  return { changes: [launch, ...attaches], notes: [note] };
}

/** The interfaces an instance gets: the template's (the resource's own groups replace the primary's). */
function interfacesOf(version: LaunchTemplateVersion | undefined, op: PlannedLaunch): TemplateInterface[] {
  if (op.attach?.length && !version) return [];
  const base: TemplateInterface[] = version?.networkInterfaces.length
    ? [...version.networkInterfaces]
    : [{ deviceIndex: 0, groupIds: version?.groupIds ?? [] }];
  const taken = new Set((op.attach ?? []).map((a) => a.deviceIndex));
  return base
    .filter((i) => !taken.has(i.deviceIndex))
    .map((i) => {
      if (i.deviceIndex === 0 && op.groupIds?.length) return { ...i, groupIds: op.groupIds };
      if (i.deviceIndex === 0 && !i.groupIds.length && version) return { ...i, groupIds: version.groupIds };
      return i;
    });
}

function templateVersion(
  model: NetworkModel,
  ref: TemplateRef,
): { readonly version: LaunchTemplateVersion } | { readonly missing: string } {
  const template = findTemplate(model, ref);
  const name = ref.launchTemplateId ?? ref.launchTemplateName ?? '(unnamed)';
  if (!template)
    return {
      missing: model.coverage.launchTemplates
        ? `launch template ${name} is not in the snapshot`
        : NO_TEMPLATES,
    };
  const number = versionNumber(model, template, ref.version);
  const id = template.launchTemplateId;
  const version = number === undefined ? undefined : model.launchTemplateVersion(id, number);
  if (!version)
    return { missing: `version ${ref.version ?? '$Default'} of launch template ${id} is not in the snapshot` };
  return { version };
}

function findTemplate(model: NetworkModel, ref: TemplateRef): LaunchTemplate | undefined {
  if (ref.launchTemplateId) return model.launchTemplate(ref.launchTemplateId);
  for (const t of model.launchTemplates()) if (t.launchTemplateName === ref.launchTemplateName) return t;
  return undefined;
}

/** "8", "$Latest" or "$Default" (also when unset), as the EC2 API reads a version. */
function versionNumber(model: NetworkModel, template: LaunchTemplate, version?: string): number | undefined {
  if (version === '$Latest') {
    const numbers = model.launchTemplateVersions(template.launchTemplateId).map((v) => v.versionNumber);
    return Math.max(template.latestVersionNumber ?? 0, ...numbers) || undefined;
  }
  if (version === undefined || version === '$Default') return template.defaultVersionNumber;
  return /^[1-9][0-9]*$/.test(version) ? Number(version) : undefined;
}

/**
 * The address a new ENI stands in with for CIDR rules and NACLs (its own is known only at launch):
 * that of a live instance with the same tags at the same device in the same subnet, else of any ENI
 * in the subnet; none when the snapshot has no ENI there.
 */
function standInIp(
  model: NetworkModel,
  subnetId: string,
  tags: Readonly<Record<string, string>>,
  deviceIndex: number,
): string[] {
  const twins = Object.keys(tags).length ? model.instancesByTags(tags) : [];
  for (const twin of twins) {
    if (!LIVE_INSTANCE_STATES.has(twin.state)) continue;
    const slot = twin.networkInterfaces.find((n) => n.deviceIndex === deviceIndex);
    const eni = slot && model.eni(slot.eniId);
    if (eni?.subnetId === subnetId && eni.privateIps[0]) return [eni.privateIps[0]];
  }
  for (const eni of model.enis()) if (eni.subnetId === subnetId && eni.privateIps[0]) return [eni.privateIps[0]];
  return [];
}

/** The VPC of a subnet, from a group of the interface or another ENI in the subnet. */
function vpcOf(model: NetworkModel, subnetId: string, groupIds: readonly string[]): string {
  for (const g of groupIds) {
    const vpc = model.group(g)?.vpcId;
    if (vpc) return vpc;
  }
  for (const eni of model.enis()) if (eni.subnetId === subnetId) return eni.vpcId;
  return '';
}
