import {
  AuthorizeSecurityGroupEgressCommand,
  type AuthorizeSecurityGroupEgressCommandInput,
  AuthorizeSecurityGroupIngressCommand,
  type AuthorizeSecurityGroupIngressCommandInput,
  CreateNetworkAclEntryCommand,
  type CreateNetworkAclEntryCommandInput,
  DeleteNetworkAclEntryCommand,
  type DeleteNetworkAclEntryCommandInput,
  type EC2Client,
  ModifyNetworkInterfaceAttributeCommand,
  type ModifyNetworkInterfaceAttributeCommandInput,
  ModifySecurityGroupRulesCommand,
  type ModifySecurityGroupRulesCommandInput,
  ReplaceNetworkAclAssociationCommand,
  type ReplaceNetworkAclAssociationCommandInput,
  ReplaceNetworkAclEntryCommand,
  type ReplaceNetworkAclEntryCommandInput,
  RevokeSecurityGroupEgressCommand,
  type RevokeSecurityGroupEgressCommandInput,
  RevokeSecurityGroupIngressCommand,
  type RevokeSecurityGroupIngressCommandInput,
} from '@aws-sdk/client-ec2';
import type { RevertApi } from '../../../core/revert/steps';

type Input = Readonly<Record<string, unknown>>;

/** The parts of a write answer the reverter reads (commands without them answer other fields). */
export interface WriteOutput {
  readonly Return?: boolean | undefined;
  /** Revoke by IpPermissions: permissions the group did not have (EC2 answers success, not NotFound). */
  readonly UnknownIpPermissions?: readonly unknown[] | undefined;
}

export interface WriteApi {
  send(client: EC2Client, input: Input): Promise<WriteOutput | object>;
  /** Error codes meaning the resource is already as the step wants it. */
  readonly alreadyCodes: readonly string[];
}

// The plan's inputs are SDK v3 inputs built by the core (revert/sdk-input.ts); they are passed as is.
const input = <T>(value: Input): T => ({ ...value }) as T;

const REVOKED = ['InvalidPermission.NotFound', 'InvalidSecurityGroupRuleId.NotFound'];
const AUTHORIZED = ['InvalidPermission.Duplicate'];

/** API name of a revert step -> the SDK command that performs it. */
const WRITE_APIS: Readonly<Record<RevertApi, WriteApi>> = {
  AuthorizeSecurityGroupIngress: {
    send: (c, i) =>
      c.send(new AuthorizeSecurityGroupIngressCommand(input<AuthorizeSecurityGroupIngressCommandInput>(i))),
    alreadyCodes: AUTHORIZED,
  },
  AuthorizeSecurityGroupEgress: {
    send: (c, i) =>
      c.send(new AuthorizeSecurityGroupEgressCommand(input<AuthorizeSecurityGroupEgressCommandInput>(i))),
    alreadyCodes: AUTHORIZED,
  },
  RevokeSecurityGroupIngress: {
    send: (c, i) =>
      c.send(new RevokeSecurityGroupIngressCommand(input<RevokeSecurityGroupIngressCommandInput>(i))),
    alreadyCodes: REVOKED,
  },
  RevokeSecurityGroupEgress: {
    send: (c, i) =>
      c.send(new RevokeSecurityGroupEgressCommand(input<RevokeSecurityGroupEgressCommandInput>(i))),
    alreadyCodes: REVOKED,
  },
  ModifySecurityGroupRules: {
    send: (c, i) =>
      c.send(new ModifySecurityGroupRulesCommand(input<ModifySecurityGroupRulesCommandInput>(i))),
    alreadyCodes: [],
  },
  ModifyNetworkInterfaceAttribute: {
    send: (c, i) =>
      c.send(
        new ModifyNetworkInterfaceAttributeCommand(input<ModifyNetworkInterfaceAttributeCommandInput>(i)),
      ),
    alreadyCodes: [],
  },
  // NetworkAclEntryAlreadyExists says only that the rule number is taken, not that the content
  // matches; the freshness check has just seen it free, so the likely taker is a concurrent revert.
  CreateNetworkAclEntry: {
    send: (c, i) => c.send(new CreateNetworkAclEntryCommand(input<CreateNetworkAclEntryCommandInput>(i))),
    alreadyCodes: ['NetworkAclEntryAlreadyExists'],
  },
  ReplaceNetworkAclEntry: {
    send: (c, i) => c.send(new ReplaceNetworkAclEntryCommand(input<ReplaceNetworkAclEntryCommandInput>(i))),
    alreadyCodes: [],
  },
  DeleteNetworkAclEntry: {
    send: (c, i) => c.send(new DeleteNetworkAclEntryCommand(input<DeleteNetworkAclEntryCommandInput>(i))),
    alreadyCodes: ['InvalidNetworkAclEntry.NotFound'],
  },
  ReplaceNetworkAclAssociation: {
    send: (c, i) =>
      c.send(new ReplaceNetworkAclAssociationCommand(input<ReplaceNetworkAclAssociationCommandInput>(i))),
    alreadyCodes: [],
  },
};

export function writeApi(api: string): WriteApi | undefined {
  return Object.hasOwn(WRITE_APIS, api) ? WRITE_APIS[api as RevertApi] : undefined;
}

/** Names of the APIs the reverter can call (for messages). */
export const WRITE_API_NAMES = Object.keys(WRITE_APIS) as readonly RevertApi[];

/** A revoke by IpPermissions whose every peer EC2 reports as unknown changed nothing: already revoked. */
export function revokedNothing(output: WriteOutput, input: Input): boolean {
  const unknown = peers(output.UnknownIpPermissions);
  const requested = peers(input.IpPermissions);
  return unknown > 0 && requested > 0 && unknown >= requested && !input.SecurityGroupRuleIds;
}

/** Peers (one rule each) in a list of IpPermissions. */
function peers(permissions: unknown): number {
  if (!Array.isArray(permissions)) return 0;
  const keys = ['IpRanges', 'Ipv6Ranges', 'PrefixListIds', 'UserIdGroupPairs'] as const;
  return permissions.reduce<number>((sum, p: Record<string, unknown> | null) => {
    const count = keys.reduce((n, k) => n + (Array.isArray(p?.[k]) ? (p[k] as unknown[]).length : 0), 0);
    return sum + count;
  }, 0);
}
