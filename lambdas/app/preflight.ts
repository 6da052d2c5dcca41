import type { GuardianConfig } from '../core/config/schema';
import type { NetworkModel } from '../core/model/types';
import { judgePlan } from '../core/plan/judge-plan';
import { PlanError } from '../core/plan/plan-error';
import type { PlanReport } from '../core/plan/types';

export interface PreflightInput {
  /** The parsed `terraform show -json PLANFILE` document. */
  readonly plan: unknown;
  /** Its file name, for error messages. */
  readonly planFile: string;
  /** The account as it is now (the plan has not been applied). */
  readonly model: NetworkModel;
  readonly config: GuardianConfig;
}

/**
 * Judges a Terraform plan against a snapshot before it is applied: which dependencies it would
 * break and which exposures it would open, per resource address. Throws PlanError (file and JSON
 * path) when the plan cannot be read.
 */
export function preflight({ plan, planFile, model, config }: PreflightInput): PlanReport {
  const report = judgePlan({ plan, model, config });
  if (!report.ok) throw new PlanError(planFile, report.issue);
  return report.value;
}

/**
 * Should the run fail? Always on a violation. Parts that cannot be judged (values known only after
 * apply, resource types not modelled) fail only in strict mode: otherwise every plan that creates
 * a group would fail, and a check that always fails is soon switched off. They are always reported.
 */
export function preflightFails(report: PlanReport, strict: boolean): boolean {
  return report.verdict === 'violation' || (strict && report.verdict === 'cannot-judge');
}
