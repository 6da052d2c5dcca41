import { ok, type Result } from '../events/read';
import { planContext } from './plan-context';
import { MAX_RANK, translatorFor } from './translator-table';
import type { PlanAction, PlanResource, Translation } from './types';

/** One resource change to apply, with what it does. */
export interface PlanStep {
  readonly resource: PlanResource;
  readonly translation: Translation;
}

const SKIPPED: ReadonlySet<PlanAction> = new Set(['no-op', 'read', 'forget']);

/**
 * Deletes first, then updates and replacements, then creates: a NACL entry or a rule that one
 * resource deletes and another creates ends up present, as it does after apply. Instances, interface
 * attachments and Auto Scaling groups that change come last: they may launch from a template, or
 * attach to an instance, that the plan creates.
 */
function phase(action: PlanAction, late: boolean): number {
  if (action === 'delete') return 0;
  if (late) return 3;
  return action === 'create' ? 2 : 1;
}

/**
 * Translates every resource change that can affect the network, in a deterministic apply order:
 * by phase (delete, update/replace, create, then launches and attachments), then resource kind (deletes: attachments before rules
 * before groups; otherwise the reverse), then address. Values known only after apply that another
 * resource of the plan decides are resolved through the plan's configuration (plan-context.ts). Fails on the first
 * attribute that cannot be read, with its JSON path.
 */
export function translatePlan(
  resources: readonly PlanResource[],
): Result<{ steps: PlanStep[]; skipped: number }> {
  const ordered: { step: PlanStep; key: [number, number, string] }[] = [];
  let skipped = 0;
  const plan = planContext(resources, (type) => translatorFor(type)?.planned);
  for (const resource of resources) {
    const entry = translatorFor(resource.type);
    if (!entry || resource.mode === 'data' || SKIPPED.has(resource.action)) {
      skipped++;
      continue;
    }
    const translation = entry.translate(resource, plan);
    if (!translation.ok) return translation;
    const p = phase(resource.action, entry.late === true);
    const rank = p === 0 ? MAX_RANK - entry.rank : entry.rank;
    const tiebreak = `${resource.address}\u0000${resource.deposed ?? ''}`;
    ordered.push({ step: { resource, translation: translation.value }, key: [p, rank, tiebreak] });
  }
  ordered.sort((a, b) => compareKeys(a.key, b.key));
  return ok({ steps: ordered.map((o) => o.step), skipped });
}

function compareKeys(a: [number, number, string], b: [number, number, string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] - b[1];
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}
