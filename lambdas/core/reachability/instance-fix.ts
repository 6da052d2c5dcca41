import type { Direction } from '../model/types';
import type { Fix } from '../verdict/types';
import { setGroupsStep } from './fix-apply';
import { hclString, terraformBlock, terraformName } from './fix-format';
import type { FixContext } from './sg-fix';
import { describeTrafficOf } from './traffic';
import type { Endpoint } from './types';

/**
 * For an ENI an instance-tag selector picks: when none of its groups admits the traffic but a group
 * carried by another selected ENI does (the blue/green case: a new launch template put a stale group on
 * device 1), the group list to set on that ENI — its own groups plus the admitting one. One EC2 call
 * (ModifyNetworkInterfaceAttribute), never on a requester-managed ENI, whose service owns its groups.
 */
export function groupListFix(
  ctx: FixContext,
  layer: 'sg-egress' | 'sg-ingress',
  owner: Endpoint,
  direction: Direction,
  refId: string,
  candidateIds: readonly string[],
  admits: (groupId: string) => boolean,
): Fix | undefined {
  const eni = owner.eni;
  const groupId = candidateIds.find((id) => !eni.groupIds.includes(id) && admits(id));
  if (!groupId) return undefined;
  const groups = [...eni.groupIds, groupId];
  const device = eni.instanceId
    ? ` (${eni.instanceId}${eni.deviceIndex === undefined ? '' : ` device ${eni.deviceIndex}`})`
    : '';
  const way = direction === 'ingress' ? 'from' : 'to';
  const apply = eni.requesterManaged
    ? undefined
    : setGroupsStep(eni.eniId, groups, `Set the groups of ${eni.eniId} to ${groups.join(', ')} (adds ${groupId})`);
  return {
    layer,
    summary:
      `${eni.eniId}${device} carries no group that allows ${describeTrafficOf(ctx.traffic)} ${way} ${refId}; ` +
      `${groupId}, carried by the other ENIs dependency ${ctx.name} selects, does: set its groups to ${groups.join(', ')}`,
    awsCli: `aws ec2 modify-network-interface-attribute --network-interface-id ${eni.eniId} --groups ${groups.join(' ')}`,
    terraform: terraformBlock('aws_network_interface_sg_attachment', terraformName(ctx.name, eni.eniId, groupId), [
      ['security_group_id', hclString(groupId)],
      ['network_interface_id', hclString(eni.eniId)],
    ]),
    ...(apply && { apply }),
  };
}
