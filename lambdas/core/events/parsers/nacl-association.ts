import { all, child, id, ok, optId } from '../read';
import type { Change } from '../types';
import { type EventParser, fromResult } from './parser';

/** ReplaceNetworkAclAssociation -> 'nacl-association-replaced' (the subnet moves to networkAclId). */
export const naclAssociationParser: EventParser = ({ request, response }) => {
  const r = all({
    associationId: id(child(request, 'associationId'), 'nacl-association'),
    naclId: id(child(request, 'networkAclId'), 'network-acl'),
    newAssociationId: optId(child(response, 'newAssociationId'), 'nacl-association'),
  });
  if (!r.ok) return fromResult(r);
  const { associationId, naclId, newAssociationId } = r.value;
  const change: Change = {
    kind: 'nacl-association-replaced',
    associationId,
    naclId,
    ...(newAssociationId === undefined ? {} : { newAssociationId }),
  };
  return fromResult(ok(change));
};
