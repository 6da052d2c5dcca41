import { all, child, ok, optStr, str } from '../read';
import type { Change } from '../types';
import { type EventParser, fromResult } from './parser';

/** ReplaceNetworkAclAssociation -> 'nacl-association-replaced' (the subnet moves to networkAclId). */
export const naclAssociationParser: EventParser = ({ request, response }) => {
  const r = all({
    associationId: str(child(request, 'associationId')),
    naclId: str(child(request, 'networkAclId')),
    newAssociationId: optStr(child(response, 'newAssociationId')),
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
