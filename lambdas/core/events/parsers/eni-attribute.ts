import { child, fail, id, isRecord, type Node, ok, readList } from '../read';
import { type EventParser, fromResult, ignored } from './parser';

/**
 * ModifyNetworkInterfaceAttribute with groupSet -> 'eni-groups-set'. The call changes one attribute
 * at a time; any other (sourceDestCheck, description, attachment, ...) is ignored.
 */
export const eniAttributeParser: EventParser = ({ request }) => {
  const eniId = id(child(request, 'networkInterfaceId'), 'network-interface');
  if (!eniId.ok) return fromResult(eniId);
  const groupSet = child(request, 'groupSet');
  if (groupSet.value === undefined) {
    return ignored(
      `ModifyNetworkInterfaceAttribute on ${eniId.value} changes ${otherAttributes(request)}, not its security groups`,
    );
  }
  const groupIds = readList(groupSet, (item) => id(child(item, 'groupId'), 'security-group'));
  if (!groupIds.ok) return fromResult(groupIds);
  if (groupIds.value.length === 0) return fromResult(fail(groupSet, 'groupSet names no security group'));
  return fromResult(ok({ kind: 'eni-groups-set', eniId: eniId.value, groupIds: groupIds.value }));
};

function otherAttributes(request: Node): string {
  const keys = isRecord(request.value)
    ? Object.keys(request.value).filter((k) => k !== 'networkInterfaceId')
    : [];
  return keys.length > 0 ? keys.join(', ') : 'no attribute';
}
