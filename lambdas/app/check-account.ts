import type { GuardianConfig } from '../core/config/schema';
import type { NetworkModel } from '../core/model/types';
import { evaluateDependency } from '../core/reachability/evaluate-dependency';
import { evaluateExposure } from '../core/rules/evaluate-exposure';
import type { DependencyResult, Finding } from '../core/verdict/types';

export interface CheckReport {
  readonly dependencies: readonly DependencyResult[];
  readonly exposures: readonly Finding[];
  readonly notEvaluated: readonly string[];
  /** true when a dependency is blocked or unresolved, or any exposure or rule error exists. */
  readonly violation: boolean;
  /** true when something could not be evaluated (a missing snapshot file): an OK is then only partial. */
  readonly partial: boolean;
}

/** Every declared dependency and every world exposure in an account's current state. */
export function checkAccount(model: NetworkModel, config: GuardianConfig): CheckReport {
  const dependencies = config.dependencies.map((dep) => evaluateDependency(model, dep));
  const exposure = evaluateExposure(model, config);
  const notEvaluated = [
    ...new Set([
      ...exposure.notEvaluated,
      ...dependencies.flatMap((d) => d.notEvaluated.map((l) => `${d.dependency}: ${l} not evaluated`)),
    ]),
  ];
  const violation =
    dependencies.some((d) => d.status !== 'reachable') ||
    exposure.findings.some((f) => f.kind !== 'world-egress');
  return { dependencies, exposures: exposure.findings, notEvaluated, violation, partial: notEvaluated.length > 0 };
}
