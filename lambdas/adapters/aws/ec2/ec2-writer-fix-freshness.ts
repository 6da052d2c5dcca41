import { DescribeNetworkInterfacesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { Change, ChangeKind } from '../../../core/events/types';
import { naclEntrySummary } from '../../../core/revert/sdk-input';
import { revertStepToChange } from '../../../core/revert/step-to-change';
import { entryName, findEntry, sameEntry } from '../../../core/state/nacl-ops';
import type { RevertStep } from '../../../core/verdict/types';
import { describeError } from './ec2-errors';
import { filterOf } from './ec2-paginate';
import { type Freshness, readNacl } from './ec2-writer-freshness';

/**
 * Whether a one-click fix is still wanted, re-read just before it is applied: 'already' when the
 * resource already is as the fix would leave it (done, nothing to write), 'superseded' when someone
 * changed it since the alert (the fix was computed for a state that is gone).
 */
export type FixFreshness = Freshness | { readonly status: 'already'; readonly reason: string };

type Of<K extends ChangeKind> = Extract<Change, { kind: K }>;
/** What the re-read found: nothing (fresh), already as the fix wants, or superseded, with why. */
type Found = { readonly already?: string; readonly superseded?: string };
type Check<K extends ChangeKind> = (client: EC2Client, change: Of<K>) => Promise<Found>;

/**
 * The fix sets the interface's whole group list: the list it had plus the one group it lacked. Fresh
 * while exactly that group is missing and nothing else changed; done when every wanted group is there.
 */
const groupsStillLacking: Check<'eni-groups-set'> = async (client, { eniId, groupIds }) => {
  const out = await client.send(
    new DescribeNetworkInterfacesCommand({ Filters: filterOf('network-interface-id', [eniId]) }),
  );
  const eni = out.NetworkInterfaces?.find((e) => e.NetworkInterfaceId === eniId);
  if (!eni) return { superseded: `${eniId} no longer exists` };
  const now = (eni.Groups ?? []).flatMap((g) => g.GroupId ?? []);
  const missing = groupIds.filter((id) => !now.includes(id));
  if (missing.length === 0) return { already: `${eniId} already carries ${groupIds.join(', ')}` };
  const extra = now.filter((id) => !groupIds.includes(id));
  if (missing.length === 1 && extra.length === 0) return {};
  return { superseded: `${eniId} now has [${now.join(', ')}]; the fix was computed for another group list` };
};

/** The fix creates an entry under a number that was free: fresh while it is, done when the same entry is there. */
const numberStillFree: Check<'nacl-entry-created'> = async (client, { naclId, entry }) => {
  const nacl = await readNacl(client, 'network-acl-id', naclId);
  if (!nacl) return { superseded: `${naclId} no longer exists` };
  const current = findEntry(nacl, entry.ruleNumber, entry.egress);
  const name = entryName(naclId, entry.ruleNumber, entry.egress);
  if (!current) return {};
  if (sameEntry(current, entry)) return { already: `${name} already is ${naclEntrySummary(entry)}` };
  return { superseded: `${name} is now taken by ${naclEntrySummary(current)}; pick another number by hand` };
};

/** Authorizing a rule needs no re-read: EC2 answers InvalidPermission.Duplicate when it exists ('already'). */
const CHECKS: { readonly [K in ChangeKind]?: Check<K> } = {
  'eni-groups-set': groupsStillLacking,
  'nacl-entry-created': numberStillFree,
};

/** Re-reads the resource a fix step writes; never throws. */
export async function checkFixFreshness(client: EC2Client, step: RevertStep): Promise<FixFreshness> {
  const change = revertStepToChange(step);
  const check = change && (CHECKS[change.kind] as Check<ChangeKind> | undefined);
  if (!change || !check) return { status: 'fresh' };
  try {
    const found = await check(client, change as never);
    if (found.already) return { status: 'already', reason: found.already };
    if (found.superseded) return { status: 'superseded', reason: `superseded: ${found.superseded}` };
    return { status: 'fresh' };
  } catch (error) {
    return { status: 'unverified', reason: `could not re-read before applying the fix: ${describeError(error)}` };
  }
}
