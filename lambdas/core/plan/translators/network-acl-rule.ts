import { readProtocol } from '../../events/parsers/protocol';
import { child, fail, type Node, ok, type Result, show } from '../../events/read';
import type { NaclEntry } from '../../model/types';
import { sameEntry } from '../../state/nacl-ops';
import { hasPorts } from '../../util/protocol';
import { readCidr } from '../rule-specs';
import type { PlanOp } from '../types';
import { unknownAttributes } from '../unknown';
import { flag, integer, optInteger, optText, text } from '../values';
import { change, knownAfterApply, makesNew, touchesOld, type Translator } from './translator';

const DECIDING = [
  'network_acl_id',
  'rule_number',
  'egress',
  'protocol',
  'rule_action',
  'cidr_block',
  'ipv6_cidr_block',
  'from_port',
  'to_port',
  'icmp_type',
  'icmp_code',
];

interface PlannedEntry {
  readonly naclId: string;
  readonly entry: NaclEntry;
}

/**
 * aws_network_acl_rule: one NACL entry. Every attribute forces a replacement; an entry replaced
 * under the same rule number and direction is a ReplaceNetworkAclEntry, otherwise a delete and a create.
 */
export const networkAclRule: Translator = (resource) => {
  const old = touchesOld(resource.action) ? readEntry(resource.before) : ok(undefined);
  if (!old.ok) return old;
  const unknown = makesNew(resource.action) ? unknownAttributes(resource.afterUnknown, DECIDING) : [];
  const next = makesNew(resource.action) && unknown.length === 0 ? readEntry(resource.after) : ok(undefined);
  if (!next.ok) return next;
  return ok({
    ops: entryOps(old.value, next.value),
    cannotJudge: knownAfterApply(resource, unknown),
    notes: [],
  });
};

function entryOps(old: PlannedEntry | undefined, next: PlannedEntry | undefined): PlanOp[] {
  const sameSlot =
    old &&
    next &&
    old.naclId === next.naclId &&
    old.entry.ruleNumber === next.entry.ruleNumber &&
    old.entry.egress === next.entry.egress;
  if (old && next && sameSlot)
    return sameEntry(old.entry, next.entry) ? [] : [change({ kind: 'nacl-entry-replaced', ...next })];
  const ops: PlanOp[] = [];
  if (old)
    ops.push(
      change({
        kind: 'nacl-entry-deleted',
        naclId: old.naclId,
        ruleNumber: old.entry.ruleNumber,
        egress: old.entry.egress,
      }),
    );
  if (next) ops.push(change({ kind: 'nacl-entry-created', ...next }));
  return ops;
}

function readEntry(node: Node): Result<PlannedEntry> {
  const naclId = text(child(node, 'network_acl_id'));
  if (!naclId.ok) return naclId;
  const ruleNumber = integer(child(node, 'rule_number'), 1, 32766);
  if (!ruleNumber.ok) return ruleNumber;
  const egress = flag(child(node, 'egress'));
  if (!egress.ok) return egress;
  const protocol = readProtocol(child(node, 'protocol'));
  if (!protocol.ok) return protocol;
  const action = readAction(child(node, 'rule_action'));
  if (!action.ok) return action;
  const cidr = readEntryCidr(node);
  if (!cidr.ok) return cidr;
  const entry: NaclEntry = {
    ruleNumber: ruleNumber.value,
    egress: egress.value,
    protocol: protocol.value,
    action: action.value,
    cidr: cidr.value,
  };
  if (hasPorts(protocol.value)) {
    const from = integer(child(node, 'from_port'), 0, 65535);
    if (!from.ok) return from;
    const to = integer(child(node, 'to_port'), 0, 65535);
    if (!to.ok) return to;
    if (from.value > to.value)
      return fail(
        child(node, 'to_port'),
        `port range is reversed: from_port ${from.value} is greater than to_port ${to.value}`,
      );
    return ok({ naclId: naclId.value, entry: { ...entry, portRange: { from: from.value, to: to.value } } });
  }
  if (protocol.value === 'icmp' || protocol.value === 'icmpv6') {
    const type = optInteger(child(node, 'icmp_type'), -1, 255);
    if (!type.ok) return type;
    const code = optInteger(child(node, 'icmp_code'), -1, 255);
    if (!code.ok) return code;
    const icmpTypeCode = { type: type.value ?? -1, code: code.value ?? -1 };
    return ok({ naclId: naclId.value, entry: { ...entry, icmpTypeCode } });
  }
  return ok({ naclId: naclId.value, entry });
}

function readAction(node: Node): Result<'allow' | 'deny'> {
  const value = text(node);
  if (!value.ok) return value;
  const action = value.value.toLowerCase();
  if (action === 'allow' || action === 'deny') return ok(action);
  return fail(node, `expected allow or deny, got ${show(value.value)}`);
}

/** cidr_block or ipv6_cidr_block, exactly one. */
function readEntryCidr(node: Node): Result<string> {
  const v4 = optText(child(node, 'cidr_block'));
  if (!v4.ok) return v4;
  const v6 = optText(child(node, 'ipv6_cidr_block'));
  if (!v6.ok) return v6;
  if (v4.value !== undefined && v6.value !== undefined)
    return fail(child(node, 'ipv6_cidr_block'), 'cidr_block and ipv6_cidr_block are both set');
  if (v6.value !== undefined) return readCidr(child(node, 'ipv6_cidr_block'), 'ipv6');
  if (v4.value === undefined)
    return fail(child(node, 'cidr_block'), 'missing (cidr_block or ipv6_cidr_block)');
  return readCidr(child(node, 'cidr_block'), 'ipv4');
}
