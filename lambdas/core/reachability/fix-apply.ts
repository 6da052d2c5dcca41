import type { Direction, NaclEntry, Protocol } from '../model/types';
import { naclEntryInput, naclEntrySummary } from '../revert/sdk-input';
import { step } from '../revert/steps';
import { hasPorts } from '../util/protocol';
import type { RevertStep } from '../verdict/types';

/**
 * The one EC2 call of a fix (`Fix.apply`), as SDK v3 input: what a one-click "Apply fix" sends.
 * Built next to the fix's `aws ec2` command and Terraform block, from the same facts.
 */

/** Security group rule descriptions: at most 255 of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (EC2). */
const DESCRIPTION_CHARS = /[^A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]/g;

/** "sg-guardian fix: <dependency>", reduced to the characters EC2 accepts in a rule description. */
export function fixDescription(dependency: string): string {
  return `sg-guardian fix: ${dependency}`.replace(DESCRIPTION_CHARS, '-').slice(0, 255);
}

/** AuthorizeSecurityGroupIngress/Egress of one SG-to-SG permission: `groupId` admits `refId` for the traffic. */
export function authorizeGroupStep(input: {
  readonly direction: Direction;
  readonly groupId: string;
  readonly refId: string;
  readonly protocol: Protocol;
  readonly port?: number;
  readonly dependency: string;
  readonly summary: string;
}): RevertStep {
  const { protocol, port } = input;
  const ports =
    protocol === '-1'
      ? {}
      : hasPorts(protocol) && port !== undefined
        ? { FromPort: port, ToPort: port }
        : { FromPort: -1, ToPort: -1 };
  const permission = {
    IpProtocol: protocol,
    ...ports,
    UserIdGroupPairs: [{ GroupId: input.refId, Description: fixDescription(input.dependency) }],
  };
  const api = input.direction === 'ingress' ? 'AuthorizeSecurityGroupIngress' : 'AuthorizeSecurityGroupEgress';
  return step(api, { GroupId: input.groupId, IpPermissions: [permission] }, input.summary);
}

/** ModifyNetworkInterfaceAttribute with the whole group list the interface should carry. */
export function setGroupsStep(eniId: string, groupIds: readonly string[], summary: string): RevertStep {
  return step(
    'ModifyNetworkInterfaceAttribute',
    { NetworkInterfaceId: eniId, Groups: [...new Set(groupIds)] },
    summary,
  );
}

/** CreateNetworkAclEntry of one allow entry. */
export function createEntryStep(naclId: string, entry: NaclEntry): RevertStep {
  return step(
    'CreateNetworkAclEntry',
    naclEntryInput(naclId, entry),
    `Create ${naclEntrySummary(entry)} in ${naclId}`,
  );
}
