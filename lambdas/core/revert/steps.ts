import type { RevertPlan, RevertStep } from '../verdict/types';

/** Every EC2 write action a revert plan can use; the CDK stack grants exactly these. */
export const REVERT_IAM_ACTIONS = [
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:AuthorizeSecurityGroupEgress',
  'ec2:RevokeSecurityGroupIngress',
  'ec2:RevokeSecurityGroupEgress',
  'ec2:ModifySecurityGroupRules',
  'ec2:ModifyNetworkInterfaceAttribute',
  'ec2:CreateNetworkAclEntry',
  'ec2:ReplaceNetworkAclEntry',
  'ec2:DeleteNetworkAclEntry',
  'ec2:ReplaceNetworkAclAssociation',
] as const;

export type RevertApi = (typeof REVERT_IAM_ACTIONS)[number] extends `ec2:${infer A}` ? A : never;

export function step(api: RevertApi, input: Record<string, unknown>, summary: string): RevertStep {
  return { api, input, iamAction: `ec2:${api}`, summary };
}

export function ready(...steps: RevertStep[]): RevertPlan {
  return { status: 'ready', steps };
}

export function unknownPrior(reason: string): RevertPlan {
  return { status: 'unknown-prior', steps: [], reason };
}

export function nothingToUndo(reason: string): RevertPlan {
  return { status: 'none', steps: [], reason };
}

/** Why the prior state is unknown: the derivation's notes, or a generic reason. */
export function priorUnknownReason(notes: readonly string[], fallback: string): string {
  return notes.length ? notes.join('; ') : fallback;
}
