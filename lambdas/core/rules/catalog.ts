import { egressWorld } from './egress-world';
import { exposureAdmin } from './exposure-admin';
import { exposureDatabase } from './exposure-database';
import { exposureInternalApp } from './exposure-internal-app';
import { exposureOther } from './exposure-other';
import { RULE_REGISTRY } from './registry';
import type { ExposureRule, RuleCheck } from './types';

/** Logic of each registry entry, by rule id. */
export const RULE_CHECKS: Readonly<Record<string, RuleCheck>> = {
  'SG-EXPOSURE-ADMIN': exposureAdmin,
  'SG-EXPOSURE-DATABASE': exposureDatabase,
  'SG-EXPOSURE-INTERNAL-APP': exposureInternalApp,
  'SG-EXPOSURE-OTHER': exposureOther,
  'SG-EGRESS-WORLD': egressWorld,
};

export class MissingRuleLogicError extends Error {
  override name = 'MissingRuleLogicError';
}

/** A registry entry without logic fails loudly (as a rule-error finding), never silently passes. */
const missingCheck =
  (id: string): RuleCheck =>
  () => {
    throw new MissingRuleLogicError(`no logic registered for rule ${id}`);
  };

/** Registry entries joined with their checks, in registry order. */
export const EXPOSURE_RULES: readonly ExposureRule[] = RULE_REGISTRY.map((entry) => ({
  ...entry,
  check: RULE_CHECKS[entry.id] ?? missingCheck(entry.id),
}));
