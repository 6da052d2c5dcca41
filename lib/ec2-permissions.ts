import { aws_iam as iam, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EC2_READER_IAM_ACTIONS } from '../lambdas/adapters/ec2-reader';
import { EC2_WRITER_IAM_ACTIONS } from '../lambdas/adapters/ec2-writer';
import type { REVERT_IAM_ACTIONS } from '../lambdas/core/revert/steps';
import { GuardianPropsError } from './errors';

type WriteAction = (typeof REVERT_IAM_ACTIONS)[number];

/**
 * EC2 resource types each revert write may touch (IAM Service Authorization Reference). A new write
 * action in REVERT_IAM_ACTIONS fails type-checking here until its resource types are declared.
 * ModifyNetworkInterfaceAttribute also names the instance an interface is attached to.
 */
const WRITE_RESOURCE_TYPES: Record<WriteAction, readonly string[]> = {
  'ec2:AuthorizeSecurityGroupIngress': ['security-group', 'security-group-rule'],
  'ec2:AuthorizeSecurityGroupEgress': ['security-group', 'security-group-rule'],
  'ec2:RevokeSecurityGroupIngress': ['security-group', 'security-group-rule'],
  'ec2:RevokeSecurityGroupEgress': ['security-group', 'security-group-rule'],
  'ec2:ModifySecurityGroupRules': ['security-group', 'security-group-rule'],
  'ec2:ModifyNetworkInterfaceAttribute': ['network-interface', 'security-group', 'instance'],
  'ec2:CreateNetworkAclEntry': ['network-acl'],
  'ec2:ReplaceNetworkAclEntry': ['network-acl'],
  'ec2:DeleteNetworkAclEntry': ['network-acl'],
  'ec2:ReplaceNetworkAclAssociation': ['network-acl', 'subnet'],
};

/** Describe/Get calls support no resource-level permissions: they are granted on '*'. */
export function isReadOnlyEc2Action(action: string): boolean {
  return /^ec2:(Describe|Get)/.test(action);
}

/**
 * The EC2 statements of a guardian role: every read action on '*', every write action only on the
 * ARNs of its resource types in the scope's account and the given regions (default: the scope's
 * region). Never `ec2:*`.
 */
export function ec2Statements(scope: Construct, regions?: readonly string[]): iam.PolicyStatement[] {
  const actions = [...new Set<string>([...EC2_READER_IAM_ACTIONS, ...EC2_WRITER_IAM_ACTIONS])];
  const reads = actions.filter(isReadOnlyEc2Action);
  const byResources = new Map<string, string[]>();
  for (const action of actions.filter((a) => !isReadOnlyEc2Action(a))) {
    const types = resourceTypesOf(action);
    const key = types.join(',');
    byResources.set(key, [...(byResources.get(key) ?? []), action]);
  }
  const stack = Stack.of(scope);
  const arns = (type: string) =>
    (regions && regions.length > 0 ? [...new Set(regions)] : [stack.region]).map((region) =>
      stack.formatArn({ service: 'ec2', region, resource: type, resourceName: '*' }),
    );
  return [
    new iam.PolicyStatement({ sid: 'Ec2Read', actions: reads, resources: ['*'] }),
    ...[...byResources].map(
      ([types, writes]) =>
        new iam.PolicyStatement({ actions: writes, resources: types.split(',').flatMap(arns) }),
    ),
  ];
}

function resourceTypesOf(action: string): readonly string[] {
  const types = (WRITE_RESOURCE_TYPES as Record<string, readonly string[] | undefined>)[action];
  if (!types) throw new GuardianPropsError(`no EC2 resource types declared for write action ${action}`);
  return types;
}
