import { Aws, aws_iam as iam, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EC2_READER_IAM_ACTIONS } from '../lambdas/adapters/aws/ec2/ec2-reader';
import { EC2_WRITER_IAM_ACTIONS } from '../lambdas/adapters/aws/ec2/ec2-writer';
import type { RevertScope } from '../lambdas/core/config/deployment-schema';
import type { REVERT_IAM_ACTIONS } from '../lambdas/core/revert/steps';
import { GuardianPropsError } from './errors';

type WriteAction = (typeof REVERT_IAM_ACTIONS)[number];

/** The EC2 resources one write action names (IAM Service Authorization Reference, Amazon EC2). */
interface WriteResources {
  /** The resource whose configuration the call changes: the revert scope's conditions apply here. */
  readonly changed: string;
  /**
   * The other resources the call names. They never carry the tag condition: the rule an authorize
   * creates has no tags yet, and the groups a revert re-attaches to an interface are the ones it had
   * (a one-click "Apply fix" adds the group a declared dependency selects; the fix uses these same actions).
   */
  readonly named: readonly string[];
}

/**
 * EC2 resource types each revert write may touch. A new write action in REVERT_IAM_ACTIONS fails
 * type-checking here until its resource types are declared. ModifyNetworkInterfaceAttribute also
 * names the security groups it attaches and the instance the interface belongs to.
 */
const WRITE_RESOURCES: Record<WriteAction, WriteResources> = {
  'ec2:AuthorizeSecurityGroupIngress': { changed: 'security-group', named: ['security-group-rule'] },
  'ec2:AuthorizeSecurityGroupEgress': { changed: 'security-group', named: ['security-group-rule'] },
  'ec2:RevokeSecurityGroupIngress': { changed: 'security-group', named: ['security-group-rule'] },
  'ec2:RevokeSecurityGroupEgress': { changed: 'security-group', named: ['security-group-rule'] },
  'ec2:ModifySecurityGroupRules': { changed: 'security-group', named: ['security-group-rule'] },
  'ec2:ModifyNetworkInterfaceAttribute': {
    changed: 'network-interface',
    named: ['security-group', 'instance'],
  },
  'ec2:CreateNetworkAclEntry': { changed: 'network-acl', named: [] },
  'ec2:ReplaceNetworkAclEntry': { changed: 'network-acl', named: [] },
  'ec2:DeleteNetworkAclEntry': { changed: 'network-acl', named: [] },
  'ec2:ReplaceNetworkAclAssociation': { changed: 'network-acl', named: ['subnet'] },
};

/**
 * Resource types whose condition keys include `ec2:Vpc` (the VPC's ARN). security-group-rule and
 * instance are left out: a VPC condition on them would deny the call rather than narrow it.
 */
const VPC_SCOPED_TYPES: ReadonlySet<string> = new Set([
  'security-group',
  'network-interface',
  'network-acl',
  'subnet',
]);

/** Describe/Get calls support no resource-level permissions: they are granted on '*'. */
export function isReadOnlyEc2Action(action: string): boolean {
  return /^ec2:(Describe|Get)/.test(action);
}

export interface Ec2StatementOptions {
  /** Regions of the write ARNs. @default the scope's region */
  readonly regions?: readonly string[];
  /** Tags and VPCs the changed resource of every write must match. @default no conditions */
  readonly revertScope?: RevertScope;
}

/**
 * The EC2 statements of a guardian role: every read action on '*', every write action only on the
 * ARNs of its resource types in the scope's account and the given regions, the changed resource
 * optionally limited by tags and VPCs. Never `ec2:*`.
 */
export function ec2Statements(scope: Construct, options: Ec2StatementOptions = {}): iam.PolicyStatement[] {
  const actions = [...new Set<string>([...EC2_READER_IAM_ACTIONS, ...EC2_WRITER_IAM_ACTIONS])];
  const grants = new Map<string, { types: readonly string[]; conditions?: Conditions; actions: string[] }>();
  const grant = (action: string, types: readonly string[], conditions?: Conditions) => {
    if (types.length === 0) return;
    const key = JSON.stringify([types, conditions ?? null]);
    const existing = grants.get(key);
    if (existing) existing.actions.push(action);
    else grants.set(key, { types, conditions, actions: [action] });
  };
  for (const action of actions.filter((a) => !isReadOnlyEc2Action(a))) {
    const { changed, named } = resourcesOf(action);
    if (!options.revertScope) {
      grant(action, [changed, ...named]);
      continue;
    }
    grant(action, [changed], changedConditions(options.revertScope));
    const vpc = vpcCondition(options.revertScope);
    grant(action, named.filter((t) => VPC_SCOPED_TYPES.has(t)), vpc);
    grant(action, named.filter((t) => !VPC_SCOPED_TYPES.has(t)));
  }
  const arns = arnsIn(scope, options.regions);
  return [
    new iam.PolicyStatement({ sid: 'Ec2Read', actions: actions.filter(isReadOnlyEc2Action), resources: ['*'] }),
    ...[...grants.values()].map(
      (g) =>
        new iam.PolicyStatement({
          actions: g.actions,
          resources: g.types.flatMap(arns),
          ...(g.conditions && { conditions: g.conditions }),
        }),
    ),
  ];
}

type Conditions = Record<string, Record<string, string[]>>;

/** Every tag (any of its values) and, when given, one of the VPCs. */
function changedConditions(revertScope: RevertScope): Conditions | undefined {
  const tags = Object.entries(revertScope.tags ?? {}).map(
    ([key, value]) => [`aws:ResourceTag/${key}`, typeof value === 'string' ? [value] : [...value]] as const,
  );
  const conditions: Conditions = {
    ...(tags.length > 0 && { StringEquals: Object.fromEntries(tags) }),
    ...vpcCondition(revertScope),
  };
  return Object.keys(conditions).length > 0 ? conditions : undefined;
}

/** `ec2:Vpc` is the VPC's ARN; VPC ids are unique, so any region and account matches. */
function vpcCondition(revertScope: RevertScope): Conditions | undefined {
  const vpcIds = revertScope.vpcIds ?? [];
  if (vpcIds.length === 0) return undefined;
  return { ArnLike: { 'ec2:Vpc': vpcIds.map((id) => `arn:${Aws.PARTITION}:ec2:*:*:vpc/${id}`) } };
}

function arnsIn(scope: Construct, regions: readonly string[] | undefined) {
  const stack = Stack.of(scope);
  const inRegions = regions && regions.length > 0 ? [...new Set(regions)] : [stack.region];
  return (type: string) =>
    inRegions.map((region) => stack.formatArn({ service: 'ec2', region, resource: type, resourceName: '*' }));
}

function resourcesOf(action: string): WriteResources {
  const resources = (WRITE_RESOURCES as Record<string, WriteResources | undefined>)[action];
  if (!resources) throw new GuardianPropsError(`no EC2 resource types declared for write action ${action}`);
  return resources;
}
