import type { SecurityGroup } from '../../model/types';
import {
  child,
  definedOnly,
  fail,
  id,
  looseStr,
  type Node,
  ok,
  optId,
  type Result,
  show,
  str,
} from '../read';
import type { Change } from '../types';
import { readTagSpecifications } from './ec2-sets';
import { type EventParser, fromResult } from './parser';

/**
 * CreateSecurityGroup -> 'sg-created': the id from the response, name, VPC, description and tags
 * (tagSpecificationSet, resourceType security-group) from the request, and the one rule AWS gives
 * every new VPC group: all traffic out to 0.0.0.0/0 (its rule id is not in the event).
 */
export const createSgParser: EventParser = ({ request, response }) => {
  const groupId = id(child(response, 'groupId'), 'security-group');
  if (!groupId.ok) return fromResult(groupId);
  const groupName = str(child(request, 'groupName'));
  if (!groupName.ok) return fromResult(groupName);
  const vpcId = optId(child(request, 'vpcId'), 'vpc');
  if (!vpcId.ok) return fromResult(vpcId);
  const tags = readTagSpecifications(child(request, 'tagSpecificationSet'), 'security-group');
  if (!tags.ok) return fromResult(tags);
  const group: SecurityGroup = {
    groupId: groupId.value,
    groupName: groupName.value,
    ...definedOnly({ vpcId: vpcId.value, description: looseStr(child(request, 'groupDescription')) }),
    tags: tags.value,
    rules: [
      {
        groupId: groupId.value,
        direction: 'egress',
        protocol: '-1',
        fromPort: -1,
        toPort: -1,
        peer: { kind: 'cidr', cidr: '0.0.0.0/0' },
      },
    ],
  };
  return fromResult(ok<Change>({ kind: 'sg-created', group }));
};

/**
 * DeleteSecurityGroup -> 'sg-deleted': the request's groupId, else the one the response reports. A
 * delete by groupName alone (default VPC) whose response names no id cannot say which group went: invalid.
 */
export const deleteSgParser: EventParser = ({ request, response }) => {
  const groupId = readDeletedId(request, response);
  return fromResult(groupId.ok ? ok<Change>({ kind: 'sg-deleted', groupId: groupId.value }) : groupId);
};

function readDeletedId(request: Node, response: Node): Result<string> {
  const idNode = child(request, 'groupId');
  const groupId = optId(idNode, 'security-group');
  if (!groupId.ok) return groupId;
  if (groupId.value !== undefined) return ok(groupId.value);
  const fromResponse = optId(child(response, 'groupId'), 'security-group');
  if (!fromResponse.ok) return fromResponse;
  if (fromResponse.value !== undefined) return ok(fromResponse.value);
  const name = looseStr(child(request, 'groupName'));
  return fail(
    idNode,
    name === undefined
      ? 'missing (and no groupName either)'
      : `missing: the call names group ${show(name)} only, so which group was deleted is unknown`,
  );
}
