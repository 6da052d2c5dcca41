import {
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import type { Change, ChangeKind } from '../../../core/events/types';
import { buildNacls } from '../../../core/model/build-network';
import { ruleFromDocument } from '../../../core/model/build-rules';
import { parseDocument } from '../../../core/model/documents';
import { describeRule, sameRuleContent } from '../../../core/model/rule-key';
import { SecurityGroupRulesDocumentSchema } from '../../../core/model/schemas';
import type { NaclEntry, NetworkAcl } from '../../../core/model/types';
import { naclEntrySummary } from '../../../core/revert/sdk-input';
import { entryName, findEntry, sameEntry } from '../../../core/state/nacl-ops';
import { describeError } from './ec2-errors';
import { filterOf } from './ec2-paginate';
import { ec2File } from './ec2-reader-documents';

/** Whether the resource still looks as the change left it, re-read just before a revert. */
export type Freshness =
  | { readonly status: 'fresh' }
  | { readonly status: 'superseded'; readonly reason: string }
  | { readonly status: 'unverified'; readonly reason: string };

type Of<K extends ChangeKind> = Extract<Change, { kind: K }>;
/** undefined: still as the change left it; else why it is not (someone changed it again since). */
type Check<K extends ChangeKind> = (client: EC2Client, change: Of<K>) => Promise<string | undefined>;

const eniGroupsStillSet: Check<'eni-groups-set'> = async (client, { eniId, groupIds }) => {
  const out = await client.send(
    new DescribeNetworkInterfacesCommand({ Filters: filterOf('network-interface-id', [eniId]) }),
  );
  const eni = out.NetworkInterfaces?.find((e) => e.NetworkInterfaceId === eniId);
  if (!eni) return `${eniId} no longer exists`;
  const now = (eni.Groups ?? []).flatMap((g) => g.GroupId ?? []);
  const same = now.length === groupIds.length && groupIds.every((id) => now.includes(id));
  return same ? undefined : `${eniId} now has [${now.join(', ')}]`;
};

/** The NACL matching one filter (network-acl-id, association...), as the core models it. */
export async function readNacl(client: EC2Client, filter: string, value: string): Promise<NetworkAcl | undefined> {
  const out = await client.send(new DescribeNetworkAclsCommand({ Filters: filterOf(filter, [value]) }));
  return buildNacls(ec2File('DescribeNetworkAcls', { NetworkAcls: out.NetworkAcls ?? [] }))[0];
}

/** Created or replaced: the entry must still be the one the change set. */
async function entryStillSet(client: EC2Client, { naclId, entry }: { naclId: string; entry: NaclEntry }) {
  const nacl = await readNacl(client, 'network-acl-id', naclId);
  if (!nacl) return `${naclId} no longer exists`;
  const current = findEntry(nacl, entry.ruleNumber, entry.egress);
  const name = entryName(naclId, entry.ruleNumber, entry.egress);
  if (!current) return `${name} no longer exists`;
  return sameEntry(current, entry) ? undefined : `${name} is now ${naclEntrySummary(current)}`;
}

const entryStillAbsent: Check<'nacl-entry-deleted'> = async (client, { naclId, ruleNumber, egress }) => {
  const nacl = await readNacl(client, 'network-acl-id', naclId);
  if (!nacl) return `${naclId} no longer exists`;
  const current = findEntry(nacl, ruleNumber, egress);
  return current
    ? `${entryName(naclId, ruleNumber, egress)} exists again: ${naclEntrySummary(current)}`
    : undefined;
};

const associationStillOn: Check<'nacl-association-replaced'> = async (client, change) => {
  const id = change.newAssociationId;
  if (!id) return 'the new association id is unknown, so the subnet cannot be checked';
  const nacl = await readNacl(client, 'association.association-id', id);
  if (!nacl) return `association ${id} no longer exists (the subnet moved again)`;
  return nacl.naclId === change.naclId ? undefined : `association ${id} now points at ${nacl.naclId}`;
};

const rulesStillEqual: Check<'sg-rules-modified'> = async (client, { groupId, updates }) => {
  const ids = updates.map((u) => u.ruleId);
  const out = await client.send(
    new DescribeSecurityGroupRulesCommand({ Filters: filterOf('security-group-rule-id', ids) }),
  );
  const file = ec2File('DescribeSecurityGroupRules', { SecurityGroupRules: out.SecurityGroupRules ?? [] });
  const rules = parseDocument(file, SecurityGroupRulesDocumentSchema).SecurityGroupRules.map(
    ruleFromDocument,
  );
  for (const update of updates) {
    const rule = rules.find((r) => r.ruleId === update.ruleId);
    if (!rule) return `rule ${update.ruleId} of ${groupId} no longer exists`;
    if (!sameRuleContent(rule, update.rule))
      return `rule ${update.ruleId} of ${groupId} is now ${describeRule(rule.direction, rule)}${rule.description ? ` (${rule.description})` : ''}`;
  }
  return undefined;
};

/**
 * Re-reads per change kind. Rule additions and removals need none: their reverts are idempotent by
 * error code (revoking a rule that is gone, re-adding one someone re-added, is 'already').
 */
const CHECKS: { readonly [K in ChangeKind]?: Check<K> } = {
  'eni-groups-set': eniGroupsStillSet,
  'nacl-entry-created': entryStillSet,
  'nacl-entry-replaced': entryStillSet,
  'nacl-entry-deleted': entryStillAbsent,
  'nacl-association-replaced': associationStillOn,
  'sg-rules-modified': rulesStillEqual,
};

/** Checks the change's resource before reverting; never throws. */
export async function checkFreshness(client: EC2Client, change: Change | undefined): Promise<Freshness> {
  const check = change && (CHECKS[change.kind] as Check<ChangeKind> | undefined);
  if (!change || !check) return { status: 'fresh' };
  try {
    const reason = await check(client, change as never);
    return reason ? { status: 'superseded', reason: `superseded: ${reason}` } : { status: 'fresh' };
  } catch (error) {
    return { status: 'unverified', reason: `could not re-read before reverting: ${describeError(error)}` };
  }
}

/** The describe actions the freshness checks call. */
export const FRESHNESS_IAM_ACTIONS = [
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeNetworkAcls',
  'ec2:DescribeSecurityGroupRules',
] as const;
