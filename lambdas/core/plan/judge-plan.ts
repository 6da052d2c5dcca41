import type { GuardianConfig } from '../config/schema';
import { ok, type Result } from '../events/read';
import type { NetworkModel } from '../model/types';
import type { AffectedResources } from '../state/types';
import type { Finding } from '../verdict/types';
import { applyOp, mergeTouched } from './apply-op';
import { DeclaredRules } from './declared-rules';
import { inPlanStyle } from './inline-fix';
import { judgeTransition } from './judge-transition';
import { readPlan } from './read-plan';
import { inlineRuleGroups } from './rule-style';
import { type PlanStep, translatePlan } from './translate-plan';
import type { CannotJudge, NetFinding, PlanReport, ResourceReport } from './types';

export interface JudgePlanInput {
  /** The parsed `terraform show -json PLANFILE` document. */
  readonly plan: unknown;
  /** The snapshot, taken before the plan is applied. */
  readonly model: NetworkModel;
  readonly config: GuardianConfig;
}

/** Where a finding shows up in the plan's net effect: one dependency, or one group's exposure slot. */
export function findingKey(f: Finding): string {
  return f.kind === 'dependency-broken'
    ? `dependency|${f.dependency}`
    : [f.kind, f.ruleId, f.groupId, f.direction, f.protocol].join('|');
}

/**
 * Applies a plan's resource changes to the snapshot one resource at a time, in a deterministic
 * order, judging each (findings carry the resource address), then judges the whole plan: the net
 * findings decide the verdict; a step finding the rest of the plan undoes is `transient`.
 * Fails (with the JSON path) only on a plan it cannot read.
 */
export function judgePlan({ plan, model, config }: JudgePlanInput): Result<PlanReport> {
  const resources = readPlan(plan);
  if (!resources.ok) return resources;
  const translated = translatePlan(resources.value);
  if (!translated.ok) return translated;
  const ctx: StepContext = { deletedGroups: new Set<string>(), declared: new DeclaredRules(), config };
  let current = model;
  const touchedAll: AffectedResources[] = [];
  const steps: Omit<ResourceReport, 'findings'>[] = [];
  const stepFindings: Finding[][] = [];
  for (const step of translated.value.steps) {
    const judged = judgeStep(current, step, ctx);
    current = judged.after;
    touchedAll.push(judged.touched);
    steps.push(judged.report);
    stepFindings.push(judged.findings);
  }
  const net = judgeTransition(model, current, mergeTouched(touchedAll), config);
  const netKeys = new Set(net.findings.map(findingKey));
  // Fixes in the plan's own style: an inline block for a group whose rules it writes inline.
  const inline = inlineRuleGroups(resources.value);
  const resourcesOut: ResourceReport[] = steps.map((s, i) => ({
    ...s,
    findings: inPlanStyle(stepFindings[i] ?? [], inline).map((f) => ({
      ...f,
      transient: !netKeys.has(findingKey(f)),
    })),
  }));
  const cannotJudge: CannotJudge[] = resourcesOut.flatMap((r) => r.cannotJudge);
  const netFindings = inPlanStyle(net.findings, inline).map(
    (f): NetFinding => ({ ...f, addresses: addressesOf(f, resourcesOut) }),
  );
  return ok({
    verdict: netFindings.length ? 'violation' : cannotJudge.length ? 'cannot-judge' : 'ok',
    resources: resourcesOut,
    net: {
      findings: netFindings,
      preexisting: inPlanStyle(net.preexisting, inline),
      notEvaluated: net.notEvaluated,
    },
    cannotJudge,
    skipped: translated.value.skipped,
  });
}

interface StepContext {
  readonly deletedGroups: Set<string>;
  readonly declared: DeclaredRules;
  readonly config: GuardianConfig;
}

function judgeStep(model: NetworkModel, step: PlanStep, ctx: StepContext) {
  const { resource, translation } = step;
  const { deletedGroups, declared, config } = ctx;
  let after = model;
  const touched: AffectedResources[] = [];
  const notes = [...translation.notes];
  const cannotJudge = [...translation.cannotJudge];
  for (const planned of translation.ops) {
    const kept = declared.keep(planned, resource.address);
    notes.push(...kept.notes);
    const op = kept.op;
    if (!op) continue;
    const outcome = applyOp(after, op, { deletedGroups });
    if (outcome.missing !== undefined) {
      cannotJudge.push({ address: resource.address, reason: outcome.missing });
      continue;
    }
    if (op.op === 'delete-group') deletedGroups.add(op.groupId);
    declared.record(op, resource.address);
    after = outcome.model;
    touched.push(outcome.touched);
    notes.push(...outcome.notes);
  }
  const all = mergeTouched(touched);
  const judged =
    after === model ? { findings: [], notEvaluated: [] } : judgeTransition(model, after, all, config);
  return {
    after,
    touched: all,
    findings: [...judged.findings],
    report: {
      address: resource.address,
      type: resource.type,
      action: resource.action,
      actions: resource.actions,
      ops: translation.ops,
      cannotJudge,
      notes,
      notEvaluated: judged.notEvaluated,
    },
  };
}

/** The resources whose own change shows the finding (the plan as a whole when none does alone). */
function addressesOf(f: Finding, resources: readonly ResourceReport[]): string[] {
  const key = findingKey(f);
  const hits = resources.filter((r) => r.findings.some((x) => findingKey(x) === key)).map((r) => r.address);
  return hits.length ? [...new Set(hits)] : ['(plan)'];
}
