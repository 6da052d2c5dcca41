import type { Direction, NetworkModel } from '../model/types';
import { hasPorts } from '../util/protocol';
import type { Fix } from '../verdict/types';
import { authorizeGroupStep, setGroupsStep } from './fix-apply';
import { hclString, portAttributes, terraformBlock, terraformName } from './fix-format';
import { groupListFix } from './instance-fix';
import { describeTrafficOf, ruleCoversTraffic, trafficPorts } from './traffic';
import type { Block, Endpoint, Traffic } from './types';

export interface FixContext {
  readonly model: NetworkModel;
  readonly name: string;
  readonly traffic: Traffic;
  readonly sourceGroupIds: readonly string[];
  readonly destinationGroupIds: readonly string[];
  /**
   * Sides selected by instance tags: their group ids are the groups their ENIs carry (nothing to
   * re-attach); an ENI of theirs that no carried group admits gets the group-list fix instead.
   */
  readonly byInstances?: { readonly source: boolean; readonly destination: boolean };
}

type SgBlock = Extract<Block, { layer: 'sg-egress' | 'sg-ingress' }>;

function ipPermissions(ctx: FixContext, referencedGroupId: string): string {
  const { protocol, port } = ctx.traffic;
  const ports =
    protocol === '-1'
      ? ''
      : hasPorts(protocol)
        ? `,FromPort=${port},ToPort=${port}`
        : ',FromPort=-1,ToPort=-1';
  return `IpProtocol=${protocol}${ports},UserIdGroupPairs=[{GroupId=${referencedGroupId},Description="${ctx.name}"}]`;
}

function groupAllows(
  ctx: FixContext,
  groupId: string,
  direction: Direction,
  referencedGroupId: string,
): boolean {
  const group = ctx.model.group(groupId);
  return (group?.rules ?? []).some(
    (r) =>
      r.direction === direction &&
      r.peer.kind === 'sg' &&
      r.peer.groupId === referencedGroupId &&
      ruleCoversTraffic(r, ctx.traffic),
  );
}

function ruleFix(
  ctx: FixContext,
  layer: SgBlock['layer'],
  direction: Direction,
  groupId: string,
  refId: string,
  crossVpc: boolean,
): Fix {
  const traffic = describeTrafficOf(ctx.traffic);
  const where = direction === 'ingress' ? `into ${groupId} from` : `out of ${groupId} to`;
  const note = crossVpc ? '; the ENIs are in different VPCs, so a group reference needs VPC peering' : '';
  const resource = `aws_vpc_security_group_${direction}_rule`;
  const name = terraformName(ctx.name, groupId, direction === 'ingress' ? 'from' : 'to', refId);
  const { protocol, port } = ctx.traffic;
  // Across VPCs a group reference needs peering first: not one call, so no one-click apply.
  const apply = crossVpc
    ? undefined
    : authorizeGroupStep({
        direction,
        groupId,
        refId,
        protocol,
        ...(port !== undefined && { port }),
        dependency: ctx.name,
        summary: `Authorize ${direction} ${traffic} on ${groupId} ${direction === 'ingress' ? 'from' : 'to'} ${refId}`,
      });
  return {
    layer,
    summary: `Allow ${traffic} ${where} security group ${refId} (an SG-to-SG rule, no CIDR)${note}`,
    awsCli: `aws ec2 authorize-security-group-${direction} --group-id ${groupId} --ip-permissions '${ipPermissions(ctx, refId)}'`,
    terraform: terraformBlock(resource, name, [
      ['security_group_id', hclString(groupId)],
      ['referenced_security_group_id', hclString(refId)],
      ['ip_protocol', hclString(ctx.traffic.protocol)],
      ...portAttributes(ctx.traffic.protocol, trafficPorts(ctx.traffic)),
      ['description', hclString(ctx.name)],
    ]),
    ...(apply && { apply }),
  };
}

function attachFix(ctx: FixContext, layer: SgBlock['layer'], endpoint: Endpoint, groupId: string): Fix {
  const eniId = endpoint.eni.eniId;
  const groups = [...endpoint.eni.groupIds, groupId];
  // A requester-managed ENI belongs to its service (ELB, RDS, ...), which would fight an ENI-level change.
  const apply = endpoint.eni.requesterManaged
    ? undefined
    : setGroupsStep(eniId, groups, `Set the groups of ${eniId} to ${groups.join(', ')} (adds ${groupId})`);
  return {
    layer,
    summary: `${eniId} no longer carries ${groupId}, which dependency ${ctx.name} selects: attach it again, keeping its other groups`,
    awsCli: `aws ec2 modify-network-interface-attribute --network-interface-id ${eniId} --groups ${[...endpoint.eni.groupIds, groupId].join(' ')}`,
    terraform: terraformBlock(
      'aws_network_interface_sg_attachment',
      terraformName(ctx.name, eniId, groupId),
      [
        ['security_group_id', hclString(groupId)],
        ['network_interface_id', hclString(eniId)],
      ],
    ),
    ...(apply && { apply }),
  };
}

/** Every fix is proposed once: `true` the first time a fix is asked for. */
const always = () => true;

/** What names an attach fix (its CLI command): the ENI, its groups and the group to attach. */
function attachKey(endpoint: Endpoint, groupId: string): string {
  return `attach|${endpoint.eni.eniId}|${endpoint.eni.groupIds.join(',')}|${groupId}`;
}

/**
 * Fixes for a blocking SG layer: re-attach a selected group an ENI lost, and an SG-to-SG rule on the
 * owner's selected group referencing the other side's selected group when that rule is missing.
 * `first(key)` says whether the fix named by `key` was not asked for before (by an earlier block of the
 * same dependency): one already asked for is not built again, the caller keeps the first of equal fixes.
 */
export function sgFixes(ctx: FixContext, block: SgBlock, first: (key: string) => boolean = always): Fix[] {
  const ingress = block.layer === 'sg-ingress';
  const direction: Direction = ingress ? 'ingress' : 'egress';
  const [owner, other] = ingress ? [block.destination, block.source] : [block.source, block.destination];
  const [ownerIds, otherIds] = ingress
    ? [ctx.destinationGroupIds, ctx.sourceGroupIds]
    : [ctx.sourceGroupIds, ctx.destinationGroupIds];
  const target = ownerIds.find((id) => owner.eni.groupIds.includes(id));
  const ref = otherIds.find((id) => other.eni.groupIds.includes(id));
  const [ownerByInstances, otherByInstances] = ingress
    ? [ctx.byInstances?.destination, ctx.byInstances?.source]
    : [ctx.byInstances?.source, ctx.byInstances?.destination];
  const fixes: Fix[] = [];
  if (!target && !ownerByInstances && ownerIds[0] && first(attachKey(owner, ownerIds[0])))
    fixes.push(attachFix(ctx, block.layer, owner, ownerIds[0]));
  if (!ref && !otherByInstances && otherIds[0] && first(attachKey(other, otherIds[0])))
    fixes.push(attachFix(ctx, block.layer, other, otherIds[0]));
  const groupId = target ?? ownerIds[0];
  const refId = ref ?? otherIds[0];
  if (groupId && refId && first(`rule|${direction}|${groupId}|${refId}`) && !groupAllows(ctx, groupId, direction, refId)) {
    fixes.push(ruleFix(ctx, block.layer, direction, groupId, refId, owner.eni.vpcId !== other.eni.vpcId));
  }
  if (ownerByInstances && refId && first(`groups|${owner.eni.eniId}|${owner.eni.groupIds.join(',')}|${direction}|${refId}`)) {
    const admits = (id: string) => groupAllows(ctx, id, direction, refId);
    const list = groupListFix(ctx, block.layer, owner, direction, refId, ownerIds, admits);
    if (list) fixes.push(list);
  }
  return fixes;
}
