import type { LaunchTemplateVersion, NetworkInterface, NetworkModel } from '../model/types';
import { hclString } from '../reachability/fix-format';
import { isVirtual, templateInterfaces, VIRTUAL_PREFIX } from '../state/virtual-instances';
import type { Finding, Fix, PairResult } from './types';

/**
 * Findings on virtual instances (a launch template judged before any instance exists) read as what a
 * launch will do: "instances launched from lt-0abc v7 (Role=web) will be unreachable from alb on
 * tcp/443 through device 1 (sg-0stale)". Fixes never name a virtual id: a group-list fix on a virtual
 * ENI becomes a new template version; any other fix naming one is dropped.
 */
export function describeVirtualFindings(findings: readonly Finding[], after: NetworkModel): Finding[] {
  return findings.map((f) => {
    const pair = f.pairs?.find((p) => isVirtual(p.destinationEniId) || isVirtual(p.sourceEniId));
    if (!pair) return f;
    const launch = launchOf(after, pair);
    if (!launch) return f;
    const { eni, version, inbound, peer } = launch;
    const tags = Object.entries(version.instanceTags).map(([k, v]) => `${k}=${v}`).join(', ');
    const who = `instances launched from ${version.launchTemplateId} v${version.versionNumber}${tags ? ` (${tags})` : ''}`;
    const traffic = trafficName(f);
    const through = `through device ${eni.deviceIndex ?? 0} (${eni.groupIds.join(', ') || 'no groups'})`;
    const what = inbound ? `will be unreachable from ${peer} on ${traffic}` : `will not reach ${peer} on ${traffic}`;
    return {
      ...f,
      title: `${f.dependency ? `${f.dependency}: ` : ''}${who} ${what} ${through}`,
      explanation: `${f.explanation} No instance is launched yet: this is what a launch from ${version.launchTemplateId} v${version.versionNumber} will get.`,
      fixes: (f.fixes ?? []).flatMap((fix) => templateFix(fix, version)),
    };
  });
}

function launchOf(model: NetworkModel, pair: PairResult) {
  const inbound = isVirtual(pair.destinationEniId);
  const eni = model.eni(inbound ? pair.destinationEniId : pair.sourceEniId);
  const instance = eni?.instanceId ? model.instance(eni.instanceId) : undefined;
  const from = instance?.fromTemplate;
  const version = from && model.launchTemplateVersion(from.launchTemplateId, from.versionNumber);
  if (!eni || !version) return undefined;
  const other = model.eni(inbound ? pair.sourceEniId : pair.destinationEniId);
  return { eni, version, inbound, peer: peerName(model, other) };
}

function peerName(model: NetworkModel, eni: NetworkInterface | undefined): string {
  if (!eni) return 'the other side';
  const names = eni.groupIds.map((g) => model.group(g)?.groupName ?? g);
  return names.join(', ') || eni.eniId;
}

/** A fix naming a virtual ENI: its group list as a new template version, or nothing. */
function templateFix(fix: Fix, version: LaunchTemplateVersion): Fix[] {
  const names = (text: string) => text.includes(VIRTUAL_PREFIX);
  if (!names(fix.awsCli) && !names(fix.terraform) && !names(JSON.stringify(fix.apply ?? {}))) return [fix];
  const device = fix.awsCli.match(/--network-interface-id virtual:[^\s]*\/device-(\d+)/)?.[1];
  const groups = fix.awsCli.match(/--groups ((?:sg-[0-9a-zA-Z]+\s*)+)$/)?.[1]?.trim().split(/\s+/);
  if (device === undefined || !groups) return [];
  const deviceIndex = Number(device);
  const interfaces = templateInterfaces(version).map((i) => ({
    DeviceIndex: i.deviceIndex,
    Groups: i.deviceIndex === deviceIndex ? groups : [...i.groupIds],
    ...(i.subnetId ? { SubnetId: i.subnetId } : {}),
  }));
  const data = JSON.stringify({ NetworkInterfaces: interfaces });
  const { launchTemplateId: id, versionNumber: n } = version;
  return [
    {
      layer: fix.layer,
      summary: `Create a version of ${id} from v${n} whose device ${deviceIndex} carries ${groups.join(', ')} (then make it the default)`,
      awsCli: `aws ec2 create-launch-template-version --launch-template-id ${id} --source-version ${n} --launch-template-data '${data}'`,
      terraform: [
        `# in resource "aws_launch_template" for ${id}:`,
        'network_interfaces {',
        `  device_index    = ${deviceIndex}`,
        `  security_groups = [${groups.map(hclString).join(', ')}]`,
        '}',
      ].join('\n'),
    },
  ];
}

/** "tcp/443", "udp/53-54", "all traffic". */
function trafficName(f: Finding): string {
  if (!f.protocol || f.protocol === '-1') return 'all traffic';
  const range = f.ports?.[0];
  if (!range) return f.protocol;
  return `${f.protocol}/${range.from === range.to ? range.from : `${range.from}-${range.to}`}`;
}
