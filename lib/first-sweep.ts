import { Annotations, type aws_lambda as lambda, triggers } from 'aws-cdk-lib';
import { Construct, type IConstruct } from 'constructs';

export interface FirstSweepProps {
  /** The sweep function to run once. */
  readonly sweeper: lambda.Function;
  /** Resources that must exist before it runs (the tables it writes). @default none */
  readonly after?: readonly IConstruct[];
}

/**
 * Runs the sweep once as soon as the stack is deployed, and again whenever the sweep's code or policy
 * changes (a new guardian.yaml is a new bundle): the state cache is filled at minute one, so a change
 * made before the first scheduled sweep can still be undone (its prior state is known). Invoked
 * asynchronously so a deploy never waits for a whole-region read; a failure is the next schedule's.
 */
export class FirstSweep extends Construct {
  readonly trigger: triggers.Trigger;

  constructor(scope: Construct, id: string, props: FirstSweepProps) {
    super(scope, id);
    this.trigger = new triggers.Trigger(this, 'Trigger', {
      handler: props.sweeper,
      invocationType: triggers.InvocationType.EVENT,
      executeOnHandlerChange: true,
      executeAfter: [...(props.after ?? [])],
    });
    // The trigger's provider is granted lambda:InvokeFunction on the function and its qualified ARNs
    // (an identity policy, no resource policy on the function), so invoking the version is allowed.
    Annotations.of(props.sweeper).acknowledgeWarning(
      '@aws-cdk/aws-lambda:addPermissionsToVersionOrAlias',
      'the first-sweep trigger invokes the current version through an identity policy on the function and its versions',
    );
  }
}
