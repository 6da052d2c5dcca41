import * as z from '../util/zod-mini';
import type { Change, RuleUpdate } from '../events/types';
import { normalizePorts, rulesFromPermission } from '../model/build-rules';
import { toRuleSpec } from '../model/rule-key';
import { IpPermissionSchema } from '../model/schemas';
import type { Direction, NaclEntry, RulePeer, RuleSpec } from '../model/types';
import { normalizeCidr } from '../util/cidr';
import { normalizeProtocol } from '../util/protocol';
import type { RevertStep } from '../verdict/types';

/**
 * The Change a revert step makes, so it can be applied to an in-memory model (demo, tests).
 * undefined when the step's API or input is not understood.
 */
export function revertStepToChange(step: RevertStep): Change | undefined {
  const parse = PARSERS[step.api];
  return parse ? parse(step.input) : undefined;
}

type Parser = (input: unknown) => Change | undefined;

// Input schemas are built on first use (z.lazy): a cold start builds none (BENCHMARKS.md, Cold start).

const GroupInput = z.lazy(() =>
  z.object({
    GroupId: z.string(),
    IpPermissions: z.optional(z.array(IpPermissionSchema)),
    SecurityGroupRuleIds: z.optional(z.array(z.string())),
  }),
);

function specs(
  groupId: string,
  direction: Direction,
  perms: z.output<typeof IpPermissionSchema>[],
): RuleSpec[] {
  return perms.flatMap((p) => rulesFromPermission(groupId, direction, p)).map(toRuleSpec);
}

const authorize =
  (direction: Direction): Parser =>
  (input) => {
    const p = GroupInput.safeParse(input);
    if (!p.success || !p.data.IpPermissions) return undefined;
    const { GroupId: groupId, IpPermissions } = p.data;
    return { kind: 'sg-rules-added', groupId, direction, rules: specs(groupId, direction, IpPermissions) };
  };

const revoke =
  (direction: Direction): Parser =>
  (input) => {
    const p = GroupInput.safeParse(input);
    if (!p.success) return undefined;
    const { GroupId: groupId, IpPermissions = [], SecurityGroupRuleIds = [] } = p.data;
    return {
      kind: 'sg-rules-removed',
      groupId,
      direction,
      rules: specs(groupId, direction, IpPermissions),
      ruleIds: SecurityGroupRuleIds,
    };
  };

const RuleRequest = z.lazy(() =>
  z.object({
    IpProtocol: z.string(),
    FromPort: z.optional(z.number()),
    ToPort: z.optional(z.number()),
    CidrIpv4: z.optional(z.string()),
    CidrIpv6: z.optional(z.string()),
    PrefixListId: z.optional(z.string()),
    ReferencedGroupId: z.optional(z.string()),
    Description: z.optional(z.string()),
  }),
);

function ruleFromRequest(r: z.output<typeof RuleRequest>): RuleSpec | undefined {
  const protocol = normalizeProtocol(r.IpProtocol);
  const cidr = normalizeCidr(r.CidrIpv4 ?? r.CidrIpv6);
  const peer: RulePeer | undefined = cidr
    ? { kind: 'cidr', cidr }
    : r.PrefixListId
      ? { kind: 'prefix-list', prefixListId: r.PrefixListId }
      : r.ReferencedGroupId
        ? { kind: 'sg', groupId: r.ReferencedGroupId }
        : undefined;
  if (!protocol || !peer) return undefined;
  return toRuleSpec({
    protocol,
    ...normalizePorts(protocol, r.FromPort, r.ToPort),
    peer,
    description: r.Description,
  });
}

const modifyRules: Parser = (input) => {
  const p = z
    .object({
      GroupId: z.string(),
      SecurityGroupRules: z.array(
        z.object({ SecurityGroupRuleId: z.string(), SecurityGroupRule: RuleRequest }),
      ),
    })
    .safeParse(input);
  if (!p.success) return undefined;
  const updates: RuleUpdate[] = [];
  for (const u of p.data.SecurityGroupRules) {
    const rule = ruleFromRequest(u.SecurityGroupRule);
    if (!rule) return undefined;
    updates.push({ ruleId: u.SecurityGroupRuleId, rule });
  }
  return { kind: 'sg-rules-modified', groupId: p.data.GroupId, updates };
};

const EntryInput = z.lazy(() =>
  z.object({
    NetworkAclId: z.string(),
    RuleNumber: z.number(),
    Egress: z.boolean(),
    Protocol: z.optional(z.string()),
    RuleAction: z.optional(z.enum(['allow', 'deny'])),
    CidrBlock: z.optional(z.string()),
    Ipv6CidrBlock: z.optional(z.string()),
    PortRange: z.optional(z.object({ From: z.number(), To: z.number() })),
    IcmpTypeCode: z.optional(z.object({ Code: z.number(), Type: z.number() })),
  }),
);

const setEntry =
  (kind: 'nacl-entry-created' | 'nacl-entry-replaced'): Parser =>
  (input) => {
    const p = EntryInput.safeParse(input);
    if (!p.success) return undefined;
    const e = p.data;
    const protocol = normalizeProtocol(e.Protocol);
    const cidr = normalizeCidr(e.CidrBlock ?? e.Ipv6CidrBlock);
    if (!protocol || !cidr || !e.RuleAction) return undefined;
    const entry: NaclEntry = {
      ruleNumber: e.RuleNumber,
      egress: e.Egress,
      protocol,
      action: e.RuleAction,
      cidr,
      ...(e.PortRange ? { portRange: { from: e.PortRange.From, to: e.PortRange.To } } : {}),
      ...(e.IcmpTypeCode ? { icmpTypeCode: { type: e.IcmpTypeCode.Type, code: e.IcmpTypeCode.Code } } : {}),
    };
    return { kind, naclId: e.NetworkAclId, entry };
  };

const PARSERS: Readonly<Record<string, Parser>> = {
  AuthorizeSecurityGroupIngress: authorize('ingress'),
  AuthorizeSecurityGroupEgress: authorize('egress'),
  RevokeSecurityGroupIngress: revoke('ingress'),
  RevokeSecurityGroupEgress: revoke('egress'),
  ModifySecurityGroupRules: modifyRules,
  ModifyNetworkInterfaceAttribute: (input) => {
    const p = z.object({ NetworkInterfaceId: z.string(), Groups: z.array(z.string()) }).safeParse(input);
    return p.success
      ? { kind: 'eni-groups-set', eniId: p.data.NetworkInterfaceId, groupIds: p.data.Groups }
      : undefined;
  },
  CreateNetworkAclEntry: setEntry('nacl-entry-created'),
  ReplaceNetworkAclEntry: setEntry('nacl-entry-replaced'),
  DeleteNetworkAclEntry: (input) => {
    const p = EntryInput.safeParse(input);
    if (!p.success) return undefined;
    return {
      kind: 'nacl-entry-deleted',
      naclId: p.data.NetworkAclId,
      ruleNumber: p.data.RuleNumber,
      egress: p.data.Egress,
    };
  },
  ReplaceNetworkAclAssociation: (input) => {
    const p = z.object({ AssociationId: z.string(), NetworkAclId: z.string() }).safeParse(input);
    return p.success
      ? {
          kind: 'nacl-association-replaced',
          associationId: p.data.AssociationId,
          naclId: p.data.NetworkAclId,
        }
      : undefined;
  },
};
