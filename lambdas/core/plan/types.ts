import type { Node } from '../events/read';
import type { Change } from '../events/types';
import type { SecurityGroup } from '../model/types';
import type { Finding } from '../verdict/types';

/**
 * What Terraform will do to one resource, from `change.actions`: a replace is `delete-create`
 * (the default) or `create-delete` (create_before_destroy).
 */
export type PlanAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'delete-create'
  | 'create-delete'
  | 'no-op'
  | 'read'
  | 'forget';

/** One validated entry of `resource_changes[]`; values stay raw Nodes (with their JSON paths). */
export interface PlanResource {
  readonly address: string;
  readonly type: string;
  readonly mode: 'managed' | 'data';
  readonly action: PlanAction;
  /** `change.actions` as Terraform wrote it. */
  readonly actions: readonly string[];
  readonly before: Node;
  readonly after: Node;
  /** `change.after_unknown`: `true` where a value is known only after apply. */
  readonly afterUnknown: Node;
  /** Set for a deposed object (a create_before_destroy leftover being deleted). */
  readonly deposed?: string;
  /** The resource's expressions in the plan's `configuration` (their `references`), when present. */
  readonly expressions?: Node;
}

/** The launch template (and version: "8", "$Latest", "$Default") instances launch from. */
export interface TemplateRef {
  readonly launchTemplateId?: string;
  readonly launchTemplateName?: string;
  readonly version?: string;
}

/**
 * Instances a resource will launch (aws_instance, an Auto Scaling group), resolved against the model
 * when applied: the template version they launch from may itself be created earlier in the plan.
 */
export interface PlannedLaunch {
  readonly op: 'launch';
  /** The resource that launches them: the hypothetical instances and ENIs are named after it. */
  readonly address: string;
  /** One hypothetical instance per subnet (an Auto Scaling group spreads over its subnets); empty: the template's. */
  readonly subnetIds: readonly string[];
  /** Tags the instances get on top of the template's (the instance's own, an ASG's propagate_at_launch tags). */
  readonly tags: Readonly<Record<string, string>>;
  readonly template?: TemplateRef;
  /** Groups of the primary interface set on the resource itself (they replace the template's). */
  readonly groupIds?: readonly string[];
  /** Existing interfaces attached at launch (aws_instance `network_interface` blocks). */
  readonly attach?: readonly { readonly eniId: string; readonly deviceIndex: number }[];
}

/**
 * One planned effect on the network model. Besides the engine's own Changes, a plan can create or
 * delete a whole group and attach or detach one group (resolved against the model when applied).
 */
export type PlanOp =
  | { readonly op: 'change'; readonly change: Change }
  | { readonly op: 'create-group'; readonly group: SecurityGroup }
  | { readonly op: 'delete-group'; readonly groupId: string }
  | { readonly op: 'attach-group'; readonly eniId: string; readonly groupId: string }
  | { readonly op: 'detach-group'; readonly eniId: string; readonly groupId: string }
  | PlannedLaunch;

/**
 * What a translator may ask about the rest of the plan: the value an attribute known only after
 * apply will take when its configuration expression references something the plan itself decides
 * (the placeholder id of a group, template or instance it creates, a template's next version).
 */
export interface PlanContext {
  resolve(resource: PlanResource, path: readonly (string | number)[]): string | number | undefined;
  /** Does the plan give this template a new latest (or default) version? */
  movesTemplate(launchTemplateId: string, which: 'latest' | 'default'): boolean;
}

/** Part of a planned change that cannot be judged: a value known only after apply, or an unsupported one. */
export interface CannotJudge {
  readonly address: string;
  /** The attribute of the resource (e.g. `security_group_id`, `ingress[1]`), when one is to blame. */
  readonly attribute?: string;
  readonly reason: string;
}

/** What a translator makes of one resource change. */
export interface Translation {
  readonly ops: readonly PlanOp[];
  readonly cannotJudge: readonly CannotJudge[];
  readonly notes: readonly string[];
}

/** A finding of one resource's change; `transient` when a later change of the plan undoes it. */
export interface StepFinding extends Finding {
  readonly transient: boolean;
}

/** The judgement of one resource change, in the order the plan was applied. */
export interface ResourceReport {
  readonly address: string;
  readonly type: string;
  readonly action: PlanAction;
  readonly actions: readonly string[];
  readonly ops: readonly PlanOp[];
  readonly findings: readonly StepFinding[];
  readonly cannotJudge: readonly CannotJudge[];
  readonly notes: readonly string[];
  readonly notEvaluated: readonly string[];
}

/** A finding of the whole plan, with the resource changes that cause it. */
export interface NetFinding extends Finding {
  /** Resource addresses; `(plan)` when no single change shows it. */
  readonly addresses: readonly string[];
}

export type PlanVerdict = 'violation' | 'cannot-judge' | 'ok';

export interface PlanReport {
  /** violation: it breaks a dependency or opens an exposure; cannot-judge: none found, part unknown. */
  readonly verdict: PlanVerdict;
  /** Resource changes that touch the network model, in the order they were applied. */
  readonly resources: readonly ResourceReport[];
  /** The state after the whole plan against the snapshot. */
  readonly net: {
    readonly findings: readonly NetFinding[];
    /** Dependencies already broken in the snapshot (not caused by the plan). */
    readonly preexisting: readonly Finding[];
    readonly notEvaluated: readonly string[];
  };
  readonly cannotJudge: readonly CannotJudge[];
  /** Resource changes left out: no-op, read, data sources, types without network effect. */
  readonly skipped: number;
}
