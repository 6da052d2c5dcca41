import { child, id, isRecord, ok } from '../read';
import { readGroupIds } from './ec2-sets';
import { type EventParser, fromResult, ignored } from './parser';

/**
 * ModifyInstanceAttribute with groupSet (`aws ec2 modify-instance-attribute --groups`) ->
 * 'instance-groups-set' (the groups of the primary ENI). The call changes one attribute at a time;
 * any other (instanceType, sourceDestCheck, userData...) is ignored.
 */
export const instanceAttributeParser: EventParser = ({ request }) => {
  const instanceId = id(child(request, 'instanceId'), 'instance');
  if (!instanceId.ok) return fromResult(instanceId);
  const groupSet = child(request, 'groupSet');
  if (groupSet.value === undefined) {
    const others = isRecord(request.value) ? Object.keys(request.value).filter((k) => k !== 'instanceId') : [];
    const what = others.length > 0 ? others.join(', ') : 'no attribute';
    return ignored(`ModifyInstanceAttribute of ${what} on ${instanceId.value}: not a security group change`);
  }
  const groupIds = readGroupIds(groupSet);
  if (!groupIds.ok) return fromResult(groupIds);
  return fromResult(ok({ kind: 'instance-groups-set', instanceId: instanceId.value, groupIds: groupIds.value }));
};
