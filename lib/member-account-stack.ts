import {
  BootstraplessSynthesizer,
  CfnCondition,
  CfnOutput,
  CfnResource,
  aws_events as events,
  Fn,
  Stack,
  type StackProps,
  Token,
  aws_events_targets as targets,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { cloudTrailEventPattern } from './guardian-event-pattern';
import { MemberRevertRole, type MemberRevertRoleProps } from './member-revert-role';
import * as nag from './nag-suppressions';
import { secureQueue } from './secure-queue';

export interface MemberAccountStackProps extends StackProps {
  /** The account the SgGuardian stack runs in. */
  readonly centralAccount: string;
  /** The region the SgGuardian stack runs in (its default bus receives the events). */
  readonly centralRegion: string;
  /** The revert role; omit to only forward events (the central account's other regions). */
  readonly revertRole?: Omit<MemberRevertRoleProps, 'regions'> & { readonly regions?: readonly string[] };
}

/** Present always, never, or when a CloudFormation condition holds. */
type Placement = boolean | CfnCondition;

/**
 * sg-guardian in a member account (or another region of the central account): the same CloudTrail
 * rule as the central stack, forwarding to the central default bus (with a dead-letter queue), and
 * the revert role the central evaluator assumes. Env-agnostic, one template serves every account and
 * region (StackSets): the rule is left out in the central account's central region (the central
 * stack's own rule is there), the role is created in the central region only (IAM is global) and
 * never in the central account. No CDK bootstrap is needed: no assets, no bootstrap version rule.
 */
export class MemberAccountStack extends Stack {
  readonly rule?: events.Rule;
  readonly revertRole?: MemberRevertRole;

  constructor(scope: Construct, id: string, props: MemberAccountStackProps) {
    super(scope, id, { synthesizer: new BootstraplessSynthesizer(), ...props });
    const inCentralAccount = Fn.conditionEquals(this.account, props.centralAccount);
    const inCentralRegion = Fn.conditionEquals(this.region, props.centralRegion);
    const known = !Token.isUnresolved(this.account) && !Token.isUnresolved(this.region);
    const isCentralAccount = this.account === props.centralAccount;
    const isCentralRegion = this.region === props.centralRegion;

    const forward: Placement = known
      ? !(isCentralAccount && isCentralRegion)
      : new CfnCondition(this, 'ForwardEvents', {
          expression: Fn.conditionNot(Fn.conditionAnd(inCentralAccount, inCentralRegion)),
        });
    if (forward !== false) this.rule = this.forwardEvents(props, forward);

    if (!props.revertRole) return;
    const createRole: Placement = known
      ? !isCentralAccount && isCentralRegion
      : new CfnCondition(this, 'CreateRevertRole', {
          expression: Fn.conditionAnd(Fn.conditionNot(inCentralAccount), inCentralRegion),
        });
    if (createRole === false) return;
    const regions = props.revertRole.regions?.length ? props.revertRole.regions : [props.centralRegion];
    this.revertRole = new MemberRevertRole(this, 'RevertRole', { ...props.revertRole, regions });
    new CfnOutput(this.revertRole, 'Arn', {
      key: 'RevertRoleArn',
      value: this.revertRole.role.roleArn,
      description: 'Role the central evaluator assumes here',
    });
    placeUnder(this.revertRole, createRole);
  }

  private forwardEvents(props: MemberAccountStackProps, placement: Placement): events.Rule {
    const forwarding = new Construct(this, 'Forwarding');
    const deadLetterQueue = secureQueue(forwarding, 'DeadLetterQueue');
    const centralBus = events.EventBus.fromEventBusArn(
      this,
      'CentralBus',
      `arn:${this.partition}:events:${props.centralRegion}:${props.centralAccount}:event-bus/default`,
    );
    const rule = new events.Rule(forwarding, 'CloudTrailRule', {
      description: 'sg-guardian: EC2 network changes, forwarded to the central account',
      eventPattern: cloudTrailEventPattern(),
      targets: [new targets.EventBus(centralBus, { deadLetterQueue })],
    });
    nag.acknowledgeDeadLetterQueue(deadLetterQueue, 'the forwarding rule (events the central bus refused)');
    new CfnOutput(forwarding, 'DeadLetterQueueUrl', {
      key: 'ForwardingDeadLetterQueueUrl',
      value: deadLetterQueue.queueUrl,
      description: 'Events the central bus did not accept',
    });
    placeUnder(forwarding, placement);
    return rule;
  }
}

/** Puts every resource and output under `scope` behind the condition (nothing to do for `true`). */
function placeUnder(scope: Construct, placement: Placement): void {
  if (typeof placement === 'boolean') return;
  for (const child of scope.node.findAll()) {
    if (child instanceof CfnResource) child.cfnOptions.condition = placement;
    if (child instanceof CfnOutput) child.condition = placement;
  }
}
