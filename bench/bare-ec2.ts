// The SDK floor: the smallest handler that reverts the panic event (a rule opened by
// AuthorizeSecurityGroupIngress) with a bare @aws-sdk/client-ec2 — read the group, revoke the rules
// the event added by id. No policy, no judging, no audit, no idempotency. bench/bundle.ts and
// bench/emulator compare the evaluator bundle with this one.
import {
  DescribeSecurityGroupsCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';

const ec2 = new EC2Client({});

interface AuthorizeEvent {
  readonly detail?: {
    readonly requestParameters?: { readonly groupId?: string };
    readonly responseElements?: {
      readonly securityGroupRuleSet?: { readonly items?: readonly { readonly securityGroupRuleId?: string }[] };
    };
  };
}

export const handler = async (event: AuthorizeEvent = {}) => {
  const groupId = event.detail?.requestParameters?.groupId;
  const ruleIds = (event.detail?.responseElements?.securityGroupRuleSet?.items ?? []).flatMap((r) =>
    r.securityGroupRuleId ? [r.securityGroupRuleId] : [],
  );
  if (!groupId || ruleIds.length === 0) return { reverted: 0 };
  const described = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
  if (!described.SecurityGroups?.length) return { reverted: 0 };
  await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, SecurityGroupRuleIds: ruleIds }));
  return { reverted: ruleIds.length };
};
